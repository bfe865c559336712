import {
  type CreatePayout,
  DoctorStatementSchema,
  MyEarningsSchema,
  PayoutBalancesSchema,
  PayoutSchema,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf, toQueryString } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';
import type { Period } from './payout-period.ts';

/** Under ['billing'], so billing.changed (a payment, refund or payout) refreshes them all. */
const payoutKeys = {
  all: [...queryKeys.billing, 'payouts'] as const,
  balances: (period: Period) => [...queryKeys.billing, 'payouts', 'balances', period] as const,
  statement: (providerId: string, period: Period) =>
    [...queryKeys.billing, 'payouts', 'statement', providerId, period] as const,
  mine: [...queryKeys.billing, 'earnings', 'mine'] as const,
};

export function usePayoutBalances(period: Period) {
  return useQuery({
    queryKey: payoutKeys.balances(period),
    queryFn: ({ signal }) =>
      api.get('/api/billing/payouts/balances', PayoutBalancesSchema, { query: period, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDoctorStatement(providerId: string | null, period: Period) {
  return useQuery({
    queryKey: payoutKeys.statement(providerId ?? '', period),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/billing/payouts/doctors/${providerId ?? ''}/statement`, DoctorStatementSchema, {
        query: period,
        signal,
      }),
    enabled: providerId !== null,
  });
}

/** The statement PDF's address: a plain link, so the browser downloads it with the session cookie. */
export function statementPdfHref(providerId: string, period: Period, lang: string): string {
  const path = pathOf`/api/billing/payouts/doctors/${providerId}/statement.pdf`;
  return `${path}${toQueryString({ ...period, lang: lang.startsWith('es') ? 'es' : 'en' })}`;
}

/** The signed-in doctor's earnings this month; billing.changed sent to them refreshes it. */
export function useMyEarnings() {
  return useQuery({
    queryKey: payoutKeys.mine,
    queryFn: ({ signal }) => api.get('/api/billing/earnings/mine', MyEarningsSchema, { signal }),
  });
}

export function useRecordPayout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePayout) => api.post('/api/billing/payouts', PayoutSchema, input),
    onSuccess: () => refreshAfterChange(queryClient, [payoutKeys.all]),
  });
}

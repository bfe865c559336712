import { ClaimSchema, type ClaimStatus } from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';

const claimKey = (invoiceId: string) => [...queryKeys.billing, 'claim', invoiceId] as const;

export function useClaim(invoiceId: string, enabled: boolean) {
  return useQuery({
    queryKey: claimKey(invoiceId),
    queryFn: ({ signal }) => api.get(pathOf`/api/invoices/${invoiceId}/claim`, ClaimSchema, { signal }),
    enabled,
  });
}

export type ClaimStep = {
  status: ClaimStatus;
  approvedMinor?: number;
  paidMinor?: number;
  reference?: string;
};

export function useMoveClaim(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (step: ClaimStep) =>
      api.post(pathOf`/api/invoices/${invoiceId}/claim/status`, ClaimSchema, step),
    onSuccess: () => refreshAfterChange(queryClient, [queryKeys.billing]),
  });
}

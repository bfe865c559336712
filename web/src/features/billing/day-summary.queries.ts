import { DaySummarySchema } from '@carebase/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

/** Today's money in and out by method; under queryKeys.billing, so billing.changed keeps it live. */
export function useDaySummary() {
  return useQuery({
    queryKey: [...queryKeys.billing, 'day-summary'] as const,
    queryFn: ({ signal }) => api.get('/api/payments/day-summary', DaySummarySchema, { signal }),
  });
}

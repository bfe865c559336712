import { OutboxPageSchema, type OutboxQuerySchema } from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export type OutboxQuery = z.output<typeof OutboxQuerySchema>;

export function useOutbox(query: OutboxQuery) {
  return useQuery({
    queryKey: [...queryKeys.outbox, 'list', query],
    queryFn: ({ signal }) => api.get('/api/outbox', OutboxPageSchema, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRetryOutboxMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(pathOf`/api/outbox/${id}/retry`, z.unknown()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.outbox }),
  });
}

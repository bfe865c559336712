import {
  AppointmentListSchema,
  type CallNextSchema,
  type CheckInSchema,
  QueueDepartmentsSchema,
  QueueProvidersSchema,
  type QueueQuery,
  QueueSchema,
  QueueTicketSchema,
  type TransferSchema,
  type TriageSchema,
  type WalkInSchema,
} from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';
import { localDepartment } from '../../lib/reference-names.ts';

export const queueKeys = {
  list: (q: QueueQuery) => [...queryKeys.queue, 'list', q] as const,
  departments: () => [...queryKeys.queue, 'departments'] as const,
  providers: () => [...queryKeys.queue, 'providers'] as const,
  appointmentsOfDay: (from: string, to: string) => [...queryKeys.appointments, 'day', from, to] as const,
};

/** A day's queue; kept fresh by queue.changed events (no polling). */
export function useQueue(q: QueueQuery, enabled = true) {
  return useQuery({
    queryKey: queueKeys.list(q),
    queryFn: ({ signal }) => api.get('/api/queue', QueueSchema, { query: q, signal }),
    enabled,
  });
}

/** Built-in departments come named in the reader's language (see localDepartment). */
export function useQueueDepartments() {
  const { t } = useTranslation();
  return useQuery({
    queryKey: queueKeys.departments(),
    queryFn: ({ signal }) => api.get('/api/queue/departments', QueueDepartmentsSchema, { signal }),
    select: (data) => ({ items: data.items.map((d) => localDepartment(d, t)) }),
    staleTime: 5 * 60_000,
  });
}

export function useQueueProviders(enabled = true) {
  return useQuery({
    queryKey: queueKeys.providers(),
    queryFn: ({ signal }) => api.get('/api/queue/providers', QueueProvidersSchema, { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The appointments of one clinic day ([from, to) as ISO instants). */
export function useAppointmentsOfDay(from: string | null, to: string | null, enabled = true) {
  return useQuery({
    queryKey: queueKeys.appointmentsOfDay(from ?? '', to ?? ''),
    queryFn: ({ signal }) =>
      api.get('/api/appointments', AppointmentListSchema, {
        query: { from: from ?? undefined, to: to ?? undefined, limit: 1000 },
        signal,
      }),
    enabled: enabled && Boolean(from && to),
  });
}

function useQueueMutation<V>(run: (variables: V) => Promise<z.output<typeof QueueTicketSchema>>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    // queue.changed (and appointment.changed) follow after commit and refresh the lists once.
    onSuccess: () => refreshAfterChange(queryClient, [queryKeys.queueLists, queryKeys.appointments]),
  });
}

export function useCheckIn() {
  return useQueueMutation((body: z.input<typeof CheckInSchema>) =>
    api.post('/api/queue/check-in', QueueTicketSchema, body),
  );
}

export function useWalkIn() {
  return useQueueMutation((body: WalkInBody) => api.post('/api/queue/walk-in', QueueTicketSchema, body));
}
export type WalkInBody = z.input<typeof WalkInSchema>;

export function useCallNext() {
  return useQueueMutation((body: z.input<typeof CallNextSchema>) =>
    api.post('/api/queue/call-next', QueueTicketSchema, body),
  );
}

export type VisitAction = 'start' | 'done' | 'skip' | 'requeue' | 'no-show';

export function useVisitAction() {
  return useQueueMutation(({ id, action }: { id: string; action: VisitAction }) =>
    api.post(pathOf`/api/queue/${id}/${action}`, QueueTicketSchema),
  );
}

export function useTransfer() {
  return useQueueMutation(({ id, body }: { id: string; body: z.input<typeof TransferSchema> }) =>
    api.post(pathOf`/api/queue/${id}/transfer`, QueueTicketSchema, body),
  );
}

export function useTriage() {
  return useQueueMutation(({ id, body }: { id: string; body: z.input<typeof TriageSchema> }) =>
    api.post(pathOf`/api/queue/${id}/triage`, QueueTicketSchema, body),
  );
}

import {
  AppointmentListSchema,
  AppointmentSchema,
  type AppointmentStatus,
  AvailabilitySchema,
  type BookAppointment,
  type BookSeries,
  type RescheduleAppointment,
  SelfBookingRulesSchema,
  SeriesBookedSchema,
  SeriesPreviewSchema,
  type SeriesRequest,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export type AppointmentFilter = {
  from: string;
  to: string;
  provider?: string;
  room?: string;
  patient?: string;
  status?: AppointmentStatus[];
};

export type AvailabilityRange = {
  provider: string;
  service: string;
  from: string;
  to: string;
  except?: string;
};

/** Every key hangs under ['appointments'], which the appointment.changed event invalidates. */
export const appointmentKeys = {
  list: (f: AppointmentFilter | 'mine') => [...queryKeys.appointments, 'list', f] as const,
  detail: (id: string) => [...queryKeys.appointments, 'detail', id] as const,
  availability: (r: AvailabilityRange) => [...queryKeys.appointments, 'availability', r] as const,
  selfBooking: () => [...queryKeys.appointments, 'self-booking'] as const,
};

export function useAppointments(filter: AppointmentFilter | null) {
  return useQuery({
    queryKey: appointmentKeys.list(filter ?? { from: '', to: '' }),
    queryFn: ({ signal }) =>
      api.get('/api/appointments', AppointmentListSchema, {
        signal,
        query: filter
          ? {
              from: filter.from,
              to: filter.to,
              provider: filter.provider,
              room: filter.room,
              patient: filter.patient,
              status: filter.status?.join(','),
              limit: 1000,
            }
          : undefined,
      }),
    enabled: filter !== null,
    placeholderData: keepPreviousData,
  });
}

/** The signed-in patient's own appointments (the server narrows the list to them). */
export function useMyAppointments(from: string) {
  return useQuery({
    queryKey: appointmentKeys.list('mine'),
    queryFn: ({ signal }) =>
      api.get('/api/appointments', AppointmentListSchema, { signal, query: { from, limit: 200 } }),
  });
}

export function useAvailability(range: AvailabilityRange | null) {
  return useQuery({
    queryKey: appointmentKeys.availability(range ?? { provider: '', service: '', from: '', to: '' }),
    queryFn: ({ signal }) => api.get('/api/availability', AvailabilitySchema, { signal, query: range ?? {} }),
    enabled: range !== null,
  });
}

export function useSelfBookingRules(enabled = true) {
  return useQuery({
    queryKey: appointmentKeys.selfBooking(),
    queryFn: ({ signal }) => api.get('/api/appointments/self-booking', SelfBookingRulesSchema, { signal }),
    enabled,
  });
}

function useAppointmentMutation<V, R>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    // The event follows within moments; refreshing now keeps the screen of the one who acted exact at once.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.appointments }),
  });
}

export function useBookAppointment() {
  return useAppointmentMutation((body: BookAppointment) =>
    api.post('/api/appointments', AppointmentSchema, body),
  );
}

export function useRescheduleAppointment() {
  return useAppointmentMutation(({ id, patch }: { id: string; patch: RescheduleAppointment }) =>
    api.patch(pathOf`/api/appointments/${id}`, AppointmentSchema, patch),
  );
}

export function useCancelAppointment() {
  return useAppointmentMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post(pathOf`/api/appointments/${id}/cancel`, AppointmentSchema, { reason }),
  );
}

export function useMarkNoShow() {
  return useAppointmentMutation((id: string) =>
    api.post(pathOf`/api/appointments/${id}/no-show`, AppointmentSchema),
  );
}

export function useCompleteAppointment() {
  return useAppointmentMutation((id: string) =>
    api.post(pathOf`/api/appointments/${id}/complete`, AppointmentSchema),
  );
}

export function useSeriesPreview() {
  return useMutation({
    mutationFn: (body: SeriesRequest) =>
      api.post('/api/appointments/series/preview', SeriesPreviewSchema, body),
  });
}

export function useBookSeries() {
  return useAppointmentMutation((body: BookSeries) =>
    api.post('/api/appointments/series', SeriesBookedSchema, body),
  );
}

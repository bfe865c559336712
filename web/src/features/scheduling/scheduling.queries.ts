import {
  type CreateDepartment,
  type CreateRoom,
  type CreateService,
  type CreateTimeOff,
  DepartmentListSchema,
  DepartmentSchema,
  OkSchema,
  ProviderListSchema,
  type PutSchedule,
  RoomListSchema,
  RoomSchema,
  ServiceListSchema,
  ServiceSchema,
  TimeOffListSchema,
  TimeOffSchema,
  type UpdateDepartment,
  type UpdateRoom,
  type UpdateService,
  WeeklyScheduleSchema,
  WorkingTimeSchema,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, pathOf } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';
import { localDepartment } from '../../lib/reference-names.ts';

/** Every key of this feature hangs under ['schedules'], which the schedule.changed event invalidates. */
export const scheduleKeys = {
  departments: () => [...queryKeys.schedules, 'departments'] as const,
  rooms: () => [...queryKeys.schedules, 'rooms'] as const,
  services: () => [...queryKeys.schedules, 'services'] as const,
  providers: () => [...queryKeys.schedules, 'providers'] as const,
  weekly: (providerId: string) => [...queryKeys.schedules, 'weekly', providerId] as const,
  timeOff: (filter: TimeOffFilter) => [...queryKeys.schedules, 'time-off', filter] as const,
  workingTime: (q: WorkingTimeRange) => [...queryKeys.schedules, 'working-time', q] as const,
};

/** Built-in departments come named in the reader's language (see localDepartment). */
export function useDepartments() {
  const { t } = useTranslation();
  return useQuery({
    queryKey: scheduleKeys.departments(),
    queryFn: async ({ signal }) =>
      (await api.get('/api/departments', DepartmentListSchema, { signal })).items,
    select: (items) => items.map((d) => localDepartment(d, t)),
  });
}

export function useRooms() {
  return useQuery({
    queryKey: scheduleKeys.rooms(),
    queryFn: async ({ signal }) => (await api.get('/api/rooms', RoomListSchema, { signal })).items,
  });
}

export function useServices() {
  return useQuery({
    queryKey: scheduleKeys.services(),
    queryFn: async ({ signal }) => (await api.get('/api/services', ServiceListSchema, { signal })).items,
  });
}

export function useProviders() {
  return useQuery({
    queryKey: scheduleKeys.providers(),
    queryFn: async ({ signal }) => (await api.get('/api/providers', ProviderListSchema, { signal })).items,
  });
}

export function useWeeklySchedule(providerId: string | null) {
  return useQuery({
    queryKey: scheduleKeys.weekly(providerId ?? ''),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/providers/${providerId ?? ''}/schedule`, WeeklyScheduleSchema, { signal }),
    enabled: providerId !== null,
  });
}

export type TimeOffFilter = { provider?: string; from?: string; to?: string };

export function useTimeOff(filter: TimeOffFilter) {
  return useQuery({
    queryKey: scheduleKeys.timeOff(filter),
    queryFn: async ({ signal }) =>
      (await api.get('/api/time-off', TimeOffListSchema, { signal, query: filter })).items,
    placeholderData: keepPreviousData,
  });
}

export type WorkingTimeRange = { provider: string; from: string; to: string };

/** A provider's working intervals in a range, for shading calendars. */
export function useWorkingTime(range: WorkingTimeRange | null) {
  return useQuery({
    queryKey: scheduleKeys.workingTime(range ?? { provider: '', from: '', to: '' }),
    queryFn: ({ signal }) =>
      api.get('/api/working-time', WorkingTimeSchema, { signal, query: range ?? undefined }),
    enabled: range !== null,
  });
}

function useInvalidateSchedules() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: queryKeys.schedules });
}

export function useSaveDepartment() {
  const invalidate = useInvalidateSchedules();
  return useMutation({
    mutationFn: (input: { key: string; patch: UpdateDepartment } | { create: CreateDepartment }) =>
      'create' in input
        ? api.post('/api/departments', DepartmentSchema, input.create)
        : api.patch(pathOf`/api/departments/${input.key}`, DepartmentSchema, input.patch),
    onSuccess: invalidate,
  });
}

export function useSaveRoom() {
  const invalidate = useInvalidateSchedules();
  return useMutation({
    mutationFn: (input: { id: string; patch: UpdateRoom } | { create: CreateRoom }) =>
      'create' in input
        ? api.post('/api/rooms', RoomSchema, input.create)
        : api.patch(pathOf`/api/rooms/${input.id}`, RoomSchema, input.patch),
    onSuccess: invalidate,
  });
}

export function useSaveService() {
  const invalidate = useInvalidateSchedules();
  return useMutation({
    mutationFn: (input: { id: string; patch: UpdateService } | { create: CreateService }) =>
      'create' in input
        ? api.post('/api/services', ServiceSchema, input.create)
        : api.patch(pathOf`/api/services/${input.id}`, ServiceSchema, input.patch),
    onSuccess: invalidate,
  });
}

export function useSaveWeeklySchedule() {
  const invalidate = useInvalidateSchedules();
  return useMutation({
    mutationFn: ({ providerId, body }: { providerId: string; body: PutSchedule }) =>
      api.put(pathOf`/api/providers/${providerId}/schedule`, WeeklyScheduleSchema, body),
    onSuccess: invalidate,
  });
}

export function useCreateTimeOff() {
  const invalidate = useInvalidateSchedules();
  return useMutation({
    mutationFn: (body: CreateTimeOff) => api.post('/api/time-off', TimeOffSchema, body),
    onSuccess: invalidate,
  });
}

export function useDeleteTimeOff() {
  const invalidate = useInvalidateSchedules();
  return useMutation({
    mutationFn: (id: string) => api.delete(pathOf`/api/time-off/${id}`, OkSchema),
    onSuccess: invalidate,
  });
}

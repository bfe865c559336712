import { JobPageSchema, type JobQuerySchema, JobScheduleListSchema } from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

export type JobQuery = z.output<typeof JobQuerySchema>;

export function useJobs(query: JobQuery) {
  return useQuery({
    queryKey: [...queryKeys.jobs, 'list', query],
    queryFn: ({ signal }) => api.get('/api/jobs', JobPageSchema, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useJobSchedules() {
  return useQuery({
    queryKey: [...queryKeys.jobs, 'schedules'],
    queryFn: ({ signal }) => api.get('/api/jobs/schedules', JobScheduleListSchema, { signal }),
  });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(pathOf`/api/jobs/${id}/retry`, z.unknown()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.jobs }),
  });
}

import { SampleDataRemovedSchema, SampleDataStatusSchema, SetupChecklistSchema } from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

/**
 * Under ['schedules']: services and weekly hours change it, and the schedule.changed event and every schedule
 * mutation invalidate that root. Settings and users change it too; the guide refetches it on each step.
 */
export const setupChecklistKey = [...queryKeys.schedules, 'setup-checklist'] as const;

export function useSetupChecklist(enabled = true) {
  return useQuery({
    queryKey: setupChecklistKey,
    queryFn: ({ signal }) => api.get('/api/setup/checklist', SetupChecklistSchema, { signal }),
    enabled,
    staleTime: 0,
  });
}

/** Also under ['schedules']: loading or removing the sample changes services and hours with it. */
export const sampleDataKey = [...queryKeys.schedules, 'sample-data'] as const;

export function useSampleData(enabled = true) {
  return useQuery({
    queryKey: sampleDataKey,
    queryFn: ({ signal }) => api.get('/api/setup/sample-data', SampleDataStatusSchema, { signal }),
    enabled,
  });
}

/**
 * The sample touches nearly every list (patients, calendar, queue, users, services): after loading or removing
 * it every query is read again rather than naming each family.
 */
function useEverythingStale() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

export function useLoadSampleData() {
  const refresh = useEverythingStale();
  return useMutation({
    mutationFn: () => api.post('/api/setup/sample-data', SampleDataStatusSchema),
    onSuccess: refresh,
  });
}

export function useRemoveSampleData() {
  const refresh = useEverythingStale();
  return useMutation({
    mutationFn: () => api.delete('/api/setup/sample-data', SampleDataRemovedSchema),
    onSuccess: refresh,
  });
}

import { SetupChecklistSchema } from '@carebase/contracts';
import { useQuery } from '@tanstack/react-query';
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

import {
  type CreateVitalsSchema,
  LatestVitalsSchema,
  VitalsSchema,
  VitalsTrendSchema,
} from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { patientKeys } from '../../lib/query-keys.ts';

export const vitalsKeys = {
  trend: (patientId: string) => [...patientKeys.chart(patientId), 'vitals', 'trend'] as const,
  latest: (patientId: string) => [...patientKeys.chart(patientId), 'vitals', 'latest'] as const,
};

/** All readings (oldest first, at most the server's limit of most recent ones). */
export function useVitalsTrend(patientId: string, enabled = true) {
  return useQuery({
    queryKey: vitalsKeys.trend(patientId),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patientId}/vitals`, VitalsTrendSchema, { signal }),
    enabled,
  });
}

export function useLatestVitals(patientId: string, enabled = true) {
  return useQuery({
    queryKey: vitalsKeys.latest(patientId),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patientId}/vitals/latest`, LatestVitalsSchema, { signal }),
    enabled,
  });
}

export function useRecordVitals(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateVitalsSchema>) =>
      api.post(pathOf`/api/patients/${patientId}/vitals`, VitalsSchema, body),
    // chart.changed follows after commit; it refreshes the chart unless the socket is down.
    onSuccess: () => refreshAfterChange(queryClient, [patientKeys.chart(patientId)]),
  });
}

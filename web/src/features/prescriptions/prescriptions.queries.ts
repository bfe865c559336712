import {
  type CreatePrescriptionsSchema,
  PrescriptionListSchema,
  PrescriptionSchema,
} from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { patientKeys } from '../../lib/query-keys.ts';

export type PrescriptionStatusFilter = 'active' | 'stopped' | 'all';

export function usePatientPrescriptions(patientId: string, status: PrescriptionStatusFilter, enabled = true) {
  return useQuery({
    queryKey: [...patientKeys.chart(patientId), 'prescriptions', status],
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patientId}/prescriptions`, PrescriptionListSchema, {
        query: { status },
        signal,
      }),
    enabled,
  });
}

export function useCreatePrescriptions(patientId: string, encounterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreatePrescriptionsSchema>) =>
      api.post(pathOf`/api/encounters/${encounterId}/prescriptions`, PrescriptionListSchema, body),
    // chart.changed follows after commit; it refreshes the chart unless the socket is down.
    onSuccess: () => refreshAfterChange(queryClient, [patientKeys.chart(patientId)]),
  });
}

export function useStopPrescription(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post(pathOf`/api/prescriptions/${id}/stop`, PrescriptionSchema, { reason }),
    // chart.changed follows after commit; it refreshes the chart unless the socket is down.
    onSuccess: () => refreshAfterChange(queryClient, [patientKeys.chart(patientId)]),
  });
}

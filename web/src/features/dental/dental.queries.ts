import {
  DentalChartSchema,
  type DentalEntryCreate,
  DentalEntrySchema,
  type DentalPlanCreate,
  DentalPlanListSchema,
  DentalPlanSchema,
  type DentalProcedureCreate,
  type DentalProcedurePatch,
  DentalProcedureSchema,
  DentalToothHistorySchema,
} from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf } from '../../lib/api.ts';
import { queryKeys } from '../../lib/query-keys.ts';

/** Every dental query of one patient hangs under `['dental', patientId]`; dental.changed invalidates them. */
export const dentalKeys = {
  patient: (patientId: string) => [...queryKeys.dental, patientId] as const,
  chart: (patientId: string) => [...queryKeys.dental, patientId, 'chart'] as const,
  history: (patientId: string, tooth: number) => [...queryKeys.dental, patientId, 'tooth', tooth] as const,
  plans: (patientId: string) => [...queryKeys.dental, patientId, 'plans'] as const,
};

export function useDentalChart(patientId: string) {
  return useQuery({
    queryKey: dentalKeys.chart(patientId),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patientId}/dental/chart`, DentalChartSchema, { signal }),
  });
}

export function useToothHistory(patientId: string, tooth: number | null) {
  return useQuery({
    queryKey: dentalKeys.history(patientId, tooth ?? 0),
    queryFn: ({ signal }) =>
      api.get(
        pathOf`/api/patients/${patientId}/dental/teeth/${tooth ?? 0}/history`,
        DentalToothHistorySchema,
        { signal },
      ),
    enabled: tooth !== null,
  });
}

export function useRecordDentalEntry(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DentalEntryCreate) =>
      api.post(pathOf`/api/patients/${patientId}/dental/entries`, DentalEntrySchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dentalKeys.patient(patientId) }),
  });
}

export function useDentalPlans(patientId: string) {
  return useQuery({
    queryKey: dentalKeys.plans(patientId),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patientId}/dental/plans`, DentalPlanListSchema, { signal }),
  });
}

export function useCreateDentalPlan(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DentalPlanCreate) =>
      api.post(pathOf`/api/patients/${patientId}/dental/plans`, DentalPlanSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dentalKeys.plans(patientId) }),
  });
}

export function useAddDentalProcedure(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, body }: { planId: string; body: DentalProcedureCreate }) =>
      api.post(pathOf`/api/dental/plans/${planId}/procedures`, DentalPlanSchema, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dentalKeys.plans(patientId) }),
  });
}

/** Completing a procedure may record it on the chart, so the whole patient's dental data goes stale. */
export function useUpdateDentalProcedure(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: DentalProcedurePatch }) =>
      api.patch(pathOf`/api/dental/procedures/${id}`, DentalProcedureSchema, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dentalKeys.patient(patientId) }),
  });
}

/** The printable chart, served by the API as a PDF. */
export function dentalChartPdfUrl(patientId: string, numbering: string, language: string): string {
  return `${pathOf`/api/patients/${patientId}/dental/chart.pdf`}?numbering=${numbering}&lang=${language === 'es' ? 'es' : 'en'}`;
}

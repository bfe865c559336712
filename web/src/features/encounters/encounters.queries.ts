import {
  type AddAddendumSchema,
  type AddDiagnosisSchema,
  AddendumSchema,
  type AddProcedureSchema,
  type CreateEncounterSchema,
  DiagnosisSchema,
  EncounterPageSchema,
  EncounterSchema,
  Icd10SearchResultSchema,
  OkSchema,
  ProcedureSchema,
  UnsignedNotesSchema,
  type UpdateEncounterSchema,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { patientKeys, queryKeys } from '../../lib/query-keys.ts';

/** The signed-in clinician's draft notes, oldest first; kept live by chart events. */
export function useUnsignedNotes() {
  return useQuery({
    queryKey: queryKeys.unsignedNotes,
    queryFn: ({ signal }) => api.get('/api/encounters/unsigned', UnsignedNotesSchema, { signal }),
  });
}

export const encounterKeys = {
  list: (patientId: string, query: object) => [...patientKeys.chart(patientId), 'encounters', query] as const,
  detail: (patientId: string, id: string) => [...patientKeys.chart(patientId), 'encounter', id] as const,
};

export function useEncounters(patientId: string, query: { page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: encounterKeys.list(patientId, query),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patientId}/encounters`, EncounterPageSchema, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEncounter(patientId: string, id: string) {
  return useQuery({
    queryKey: encounterKeys.detail(patientId, id),
    queryFn: ({ signal }) => api.get(pathOf`/api/encounters/${id}`, EncounterSchema, { signal }),
  });
}

/** After any change to the chart, everything of this patient's chart is read again (by chart.changed when live). */
function useChartChanged(patientId: string) {
  const queryClient = useQueryClient();
  return () => refreshAfterChange(queryClient, [patientKeys.chart(patientId)]);
}

export function useCreateEncounter(patientId: string) {
  const changed = useChartChanged(patientId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateEncounterSchema>) =>
      api.post(pathOf`/api/patients/${patientId}/encounters`, EncounterSchema, body),
    onSuccess: (encounter) => {
      queryClient.setQueryData(encounterKeys.detail(patientId, encounter.id), encounter);
      void changed();
    },
  });
}

export function useUpdateEncounter(patientId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: z.input<typeof UpdateEncounterSchema>) =>
      api.patch(pathOf`/api/encounters/${id}`, EncounterSchema, patch),
    onSuccess: (encounter) => {
      queryClient.setQueryData(encounterKeys.detail(patientId, id), encounter);
      refreshAfterChange(queryClient, [[...patientKeys.chart(patientId), 'encounters']]);
    },
  });
}

export function useSignEncounter(patientId: string, id: string) {
  const queryClient = useQueryClient();
  const changed = useChartChanged(patientId);
  return useMutation({
    mutationFn: () => api.post(pathOf`/api/encounters/${id}/sign`, EncounterSchema),
    onSuccess: (encounter) => {
      queryClient.setQueryData(encounterKeys.detail(patientId, id), encounter);
      void changed();
    },
  });
}

export function useAddAddendum(patientId: string, id: string) {
  const changed = useChartChanged(patientId);
  return useMutation({
    mutationFn: (body: z.input<typeof AddAddendumSchema>) =>
      api.post(pathOf`/api/encounters/${id}/addenda`, AddendumSchema, body),
    onSuccess: () => void changed(),
  });
}

export function useAddDiagnosis(patientId: string, id: string) {
  const changed = useChartChanged(patientId);
  return useMutation({
    mutationFn: (body: z.input<typeof AddDiagnosisSchema>) =>
      api.post(pathOf`/api/encounters/${id}/diagnoses`, DiagnosisSchema, body),
    onSuccess: () => void changed(),
  });
}

export function useRemoveDiagnosis(patientId: string, id: string) {
  const changed = useChartChanged(patientId);
  return useMutation({
    mutationFn: (diagnosisId: string) =>
      api.delete(pathOf`/api/encounters/${id}/diagnoses/${diagnosisId}`, OkSchema),
    onSuccess: () => void changed(),
  });
}

export function useAddProcedure(patientId: string, id: string) {
  const changed = useChartChanged(patientId);
  return useMutation({
    mutationFn: (body: z.input<typeof AddProcedureSchema>) =>
      api.post(pathOf`/api/encounters/${id}/procedures`, ProcedureSchema, body),
    onSuccess: () => void changed(),
  });
}

export function useRemoveProcedure(patientId: string, id: string) {
  const changed = useChartChanged(patientId);
  return useMutation({
    mutationFn: (procedureId: string) =>
      api.delete(pathOf`/api/encounters/${id}/procedures/${procedureId}`, OkSchema),
    onSuccess: () => void changed(),
  });
}

/** ICD-10 codes for a code prefix or some words, best first. */
export function useIcd10Search(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: [...queryKeys.icd10, text],
    queryFn: ({ signal }) =>
      api.get('/api/icd10', Icd10SearchResultSchema, { query: { q: text, limit: 15 }, signal }),
    enabled: text.length >= 2,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

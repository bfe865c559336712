import {
  type AllergyInputSchema,
  AllergySchema,
  type AllergyUpdateSchema,
  type ConditionInputSchema,
  ConditionSchema,
  type ConditionUpdateSchema,
  DuplicateCheckResponseSchema,
  MergeResultSchema,
  type PatientExportQuery,
  PatientPageSchema,
  PatientSchema,
  type PatientSearchQuery,
} from '@carebase/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { z } from 'zod';
import { api, pathOf, type QueryParams, toQueryString, uploadFile } from '../../lib/api.ts';
import { patientKeys, queryKeys } from '../../lib/query-keys.ts';
import type { CreatePatientBody, UpdatePatientBody } from './patient-form-model.ts';

/** The filters of a search as the page sends them (the cursor is added page by page). */
export type PatientSearchParams = Partial<
  Pick<PatientSearchQuery, 'q' | 'name' | 'match' | 'sex' | 'birthDate' | 'sort' | 'order' | 'limit'>
>;

/** One search, page after page by cursor ("Load more"). */
export function usePatientSearch(params: PatientSearchParams, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: [...patientKeys.lists(), params],
    queryFn: ({ signal, pageParam }) =>
      api.get('/api/patients', PatientPageSchema, {
        query: { ...params, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

/** The server's CSV of every patient a search finds (not only the loaded pages), downloaded as a file. */
export function patientsExportUrl(params: Partial<PatientExportQuery>): string {
  return `/api/patients/export.csv${toQueryString(params as QueryParams)}`;
}

/** The patient record linked to the signed-in account (the patient role); 404 when there is none. */
export function useMyPatient() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...queryKeys.patients, 'me'],
    queryFn: async ({ signal }) => {
      const patient = await api.get('/api/patients/me', PatientSchema, { signal });
      queryClient.setQueryData(patientKeys.detail(patient.id), patient);
      return patient;
    },
  });
}

export function usePatient(id: string | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: patientKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get(pathOf`/api/patients/${id ?? ''}`, PatientSchema, { signal }),
    enabled: Boolean(id) && options.enabled !== false,
  });
}

export function fetchDuplicates(query: Record<string, string>, signal?: AbortSignal) {
  return api.get('/api/patients/duplicates', DuplicateCheckResponseSchema, { query, signal });
}

function useInvalidatePatient() {
  const queryClient = useQueryClient();
  return (id: string) => {
    void queryClient.invalidateQueries({ queryKey: patientKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: patientKeys.lists() });
  };
}

export function useCreatePatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePatientBody) => api.post('/api/patients', PatientSchema, body),
    onSuccess: (patient) => {
      queryClient.setQueryData(patientKeys.detail(patient.id), patient);
      void queryClient.invalidateQueries({ queryKey: patientKeys.lists() });
    },
  });
}

export function useUpdatePatient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePatientBody) => api.patch(pathOf`/api/patients/${id}`, PatientSchema, body),
    onSuccess: (patient) => {
      queryClient.setQueryData(patientKeys.detail(patient.id), patient);
      void queryClient.invalidateQueries({ queryKey: patientKeys.lists() });
    },
  });
}

export function uploadPatientPhoto(id: string, file: File) {
  return uploadFile({
    method: 'PUT',
    path: pathOf`/api/patients/${id}/photo`,
    file,
    contentType: file.type,
    schema: PatientSchema,
  });
}

export function useSetPhoto(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadPatientPhoto(id, file),
    onSuccess: (patient) => {
      queryClient.setQueryData(patientKeys.detail(patient.id), patient);
      void queryClient.invalidateQueries({ queryKey: patientKeys.lists() });
    },
  });
}

export function useRemovePhoto(id: string) {
  const invalidate = useInvalidatePatient();
  return useMutation({
    mutationFn: () => api.delete(pathOf`/api/patients/${id}/photo`, z.unknown()),
    onSuccess: () => invalidate(id),
  });
}

export function useMergePatient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (intoId: string) =>
      api.post(pathOf`/api/patients/${id}/merge`, MergeResultSchema, { intoId }),
    onSuccess: (result) => {
      queryClient.setQueryData(patientKeys.detail(result.survivor.id), result.survivor);
      void queryClient.invalidateQueries({ queryKey: patientKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: patientKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: patientKeys.chart(id) });
      void queryClient.invalidateQueries({ queryKey: patientKeys.chart(result.survivor.id) });
    },
  });
}

export function useAddAllergy(patientId: string) {
  const invalidate = useInvalidatePatient();
  return useMutation({
    mutationFn: (body: z.input<typeof AllergyInputSchema>) =>
      api.post(pathOf`/api/patients/${patientId}/allergies`, AllergySchema, body),
    onSuccess: () => invalidate(patientId),
  });
}

export function useChangeAllergy(patientId: string) {
  const invalidate = useInvalidatePatient();
  return useMutation({
    mutationFn: ({ allergyId, patch }: { allergyId: string; patch: z.input<typeof AllergyUpdateSchema> }) =>
      api.patch(pathOf`/api/patients/${patientId}/allergies/${allergyId}`, AllergySchema, patch),
    onSuccess: () => invalidate(patientId),
  });
}

export function useAddCondition(patientId: string) {
  const invalidate = useInvalidatePatient();
  return useMutation({
    mutationFn: (body: z.input<typeof ConditionInputSchema>) =>
      api.post(pathOf`/api/patients/${patientId}/conditions`, ConditionSchema, body),
    onSuccess: () => invalidate(patientId),
  });
}

export function useChangeCondition(patientId: string) {
  const invalidate = useInvalidatePatient();
  return useMutation({
    mutationFn: ({
      conditionId,
      patch,
    }: {
      conditionId: string;
      patch: z.input<typeof ConditionUpdateSchema>;
    }) => api.patch(pathOf`/api/patients/${patientId}/conditions/${conditionId}`, ConditionSchema, patch),
    onSuccess: () => invalidate(patientId),
  });
}

import {
  type CertificateCreate,
  CertificateInboxCountSchema,
  CertificateListSchema,
  CertificatePageSchema,
  type CertificatePatch,
  CertificateSchema,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { queryKeys } from '../../lib/query-keys.ts';

/** Every certificate query hangs under `['certificates']`, which certificate.changed invalidates. */
export const certificateKeys = {
  patient: (patientId: string) => [...queryKeys.certificates, 'patient', patientId] as const,
  inbox: (page: number) => [...queryKeys.certificates, 'inbox', page] as const,
  inboxCount: () => [...queryKeys.certificates, 'inbox-count'] as const,
  drafts: () => [...queryKeys.certificates, 'drafts'] as const,
  one: (id: string) => [...queryKeys.certificates, 'one', id] as const,
};

export const INBOX_PAGE_SIZE = 50;

export function usePatientCertificates(patientId: string) {
  return useQuery({
    queryKey: certificateKeys.patient(patientId),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patientId}/certificates`, CertificateListSchema, { signal }),
  });
}

/** Drafts not yet submitted for approval, the oldest first. */
export function useCertificateDrafts() {
  return useQuery({
    queryKey: certificateKeys.drafts(),
    queryFn: ({ signal }) =>
      api.get('/api/certificates', CertificatePageSchema, {
        query: { status: 'draft', sort: 'createdAt', order: 'asc', page: 1, pageSize: 5 },
        signal,
      }),
  });
}

/** The doctors' inbox: submitted certificates, the longest waiting first. */
export function useCertificateInbox(page = 1) {
  return useQuery({
    queryKey: certificateKeys.inbox(page),
    queryFn: ({ signal }) =>
      api.get('/api/certificates', CertificatePageSchema, {
        query: {
          status: 'submitted',
          approvable: 'true',
          sort: 'submittedAt',
          order: 'asc',
          page,
          pageSize: INBOX_PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** How many certificates wait for a doctor; kept live by certificate.changed events. */
export function useInboxCount(enabled: boolean) {
  return useQuery({
    queryKey: certificateKeys.inboxCount(),
    queryFn: ({ signal }) =>
      api.get('/api/certificates/inbox-count', CertificateInboxCountSchema, { signal }),
    enabled,
    staleTime: 30_000,
  });
}

/** certificate.changed follows every change; without a live socket the lists are refreshed here. */
function useInvalidateCertificates() {
  const queryClient = useQueryClient();
  return () => refreshAfterChange(queryClient, [queryKeys.certificates]);
}

export function useCreateCertificate(patientId: string) {
  const invalidate = useInvalidateCertificates();
  return useMutation({
    mutationFn: (body: CertificateCreate) =>
      api.post(pathOf`/api/patients/${patientId}/certificates`, CertificateSchema, body),
    onSuccess: invalidate,
  });
}

export function useUpdateCertificate() {
  const invalidate = useInvalidateCertificates();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CertificatePatch }) =>
      api.patch(pathOf`/api/certificates/${id}`, CertificateSchema, patch),
    onSuccess: invalidate,
  });
}

export function useSubmitCertificate() {
  const invalidate = useInvalidateCertificates();
  return useMutation({
    mutationFn: (id: string) => api.post(pathOf`/api/certificates/${id}/submit`, CertificateSchema),
    onSuccess: invalidate,
  });
}

export function useApproveCertificate() {
  const invalidate = useInvalidateCertificates();
  return useMutation({
    mutationFn: (id: string) => api.post(pathOf`/api/certificates/${id}/approve`, CertificateSchema),
    onSuccess: invalidate,
  });
}

export function useRejectCertificate() {
  const invalidate = useInvalidateCertificates();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post(pathOf`/api/certificates/${id}/reject`, CertificateSchema, { reason }),
    onSuccess: invalidate,
  });
}

/** The signed PDF (approved or issued); the first download marks the certificate issued. */
export function certificatePdfUrl(id: string, language: string): string {
  return `${pathOf`/api/certificates/${id}/pdf`}?lang=${language === 'es' ? 'es' : 'en'}`;
}

/** The public verification page, served by the server outside the app. */
export function verifyPageUrl(code: string, language: string): string {
  return `${pathOf`/verify/${code}`}?lang=${language === 'es' ? 'es' : 'en'}`;
}

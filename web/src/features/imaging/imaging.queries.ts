import {
  type DicomPeerInput,
  DicomPeerListSchema,
  DicomPeerSchema,
  DimseActivityListSchema,
  ImagingConflictListSchema,
  ImagingStudyDetailSchema,
  ImagingStudyListSchema,
  type ImagingStudyQuery,
  ImagingStudySchema,
  type LinkStudy,
  type OrthancLinkInput,
  OrthancLinkListSchema,
  OrthancLinkSchema,
  type PeerEchoResult,
  PeerEchoResultSchema,
} from '@carebase/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, pathOf } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { imagingKeys, queryKeys } from '../../lib/query-keys.ts';
import { instanceMetadataUrl, seriesInstancesUrl } from './dicomweb.ts';

export function useStudies(query: Partial<ImagingStudyQuery>, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: imagingKeys.studies(query),
    queryFn: ({ signal }) => api.get('/api/imaging/studies', ImagingStudyListSchema, { signal, query }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function useStudy(id: string) {
  return useQuery({
    queryKey: imagingKeys.study(id),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/imaging/studies/${id}`, ImagingStudyDetailSchema, { signal }),
  });
}

/** The studies linked to one patient, for their chart. */
export function usePatientStudies(patientId: string) {
  return useQuery({
    queryKey: imagingKeys.patient(patientId),
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patientId}/imaging`, ImagingStudyListSchema, { signal }),
  });
}

/** DICOM JSON arrays (QIDO-RS and metadata) are read loosely: the pages pick out what they show. */
const DicomJsonArraySchema = z.array(z.unknown());

/** The instances of one series (QIDO-RS), for stepping through them in the preview. */
export function useSeriesInstances(studyUid: string, seriesUid: string) {
  return useQuery({
    queryKey: imagingKeys.instances(seriesUid),
    queryFn: ({ signal }) =>
      api.get(seriesInstancesUrl(studyUid, seriesUid), DicomJsonArraySchema, { signal }),
    staleTime: 60_000,
  });
}

/** One instance's attributes in DICOM JSON, for the tags panel. */
export function useInstanceMetadata(studyUid: string, seriesUid: string, instanceUid: string | null) {
  return useQuery({
    queryKey: imagingKeys.metadata(instanceUid ?? ''),
    queryFn: async ({ signal }) => {
      const list = await api.get(
        instanceMetadataUrl(studyUid, seriesUid, instanceUid ?? ''),
        DicomJsonArraySchema,
        { signal },
      );
      return list[0] ?? null;
    },
    enabled: instanceUid !== null,
    staleTime: 5 * 60_000,
  });
}

function useRefreshImaging() {
  const queryClient = useQueryClient();
  // imaging.changed comes back over the socket and refreshes the lists; without the socket, refresh here.
  return () => refreshAfterChange(queryClient, [queryKeys.imaging]);
}

export function useLinkStudy() {
  const refresh = useRefreshImaging();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: LinkStudy }) =>
      api.post(pathOf`/api/imaging/studies/${id}/link`, ImagingStudySchema, body),
    onSuccess: (_study, { id }) => {
      void queryClient.invalidateQueries({ queryKey: imagingKeys.study(id) });
      refresh();
    },
  });
}

export function useDeleteStudy() {
  const refresh = useRefreshImaging();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.delete(pathOf`/api/imaging/studies/${id}`, z.unknown(), { body: { reason } }),
    onSuccess: refresh,
  });
}

export function useDeleteSeries(studyId: string) {
  const refresh = useRefreshImaging();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.delete(pathOf`/api/imaging/series/${id}`, z.unknown(), { body: { reason } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: imagingKeys.study(studyId) });
      refresh();
    },
  });
}

export function useConflicts(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: imagingKeys.conflicts(),
    queryFn: async ({ signal }) =>
      (await api.get('/api/imaging/conflicts', ImagingConflictListSchema, { signal })).items,
    enabled: options.enabled,
  });
}

export function useResolveConflict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, resolution }: { id: string; resolution: 'kept-existing' | 'replaced' }) =>
      api.post(pathOf`/api/imaging/conflicts/${id}/resolve`, z.unknown(), { resolution }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.imaging }),
  });
}

function useInvalidateAdmin() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: queryKeys.imagingAdmin });
}

export function usePeers() {
  return useQuery({
    queryKey: imagingKeys.peers(),
    queryFn: async ({ signal }) =>
      (await api.get('/api/imaging/peers', DicomPeerListSchema, { signal })).items,
  });
}

export function useSavePeer() {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: (input: { id: string | null; body: DicomPeerInput }) =>
      input.id
        ? api.put(pathOf`/api/imaging/peers/${input.id}`, DicomPeerSchema, input.body)
        : api.post('/api/imaging/peers', DicomPeerSchema, input.body),
    onSuccess: invalidate,
  });
}

export function useDeletePeer() {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: (id: string) => api.delete(pathOf`/api/imaging/peers/${id}`, z.unknown()),
    onSuccess: invalidate,
  });
}

export type EchoResult = PeerEchoResult;

export function useEchoPeer() {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: (id: string) => api.post(pathOf`/api/imaging/peers/${id}/echo`, PeerEchoResultSchema),
    // The echo is logged as DIMSE activity.
    onSettled: invalidate,
  });
}

export function useDimseActivity() {
  return useQuery({
    queryKey: imagingKeys.activity(),
    queryFn: async ({ signal }) =>
      (await api.get('/api/imaging/activity', DimseActivityListSchema, { signal })).items,
    select: (items) => [...items].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id),
    refetchInterval: 5_000,
  });
}

export function useOrthancLinks() {
  return useQuery({
    queryKey: imagingKeys.orthanc(),
    queryFn: async ({ signal }) =>
      (await api.get('/api/imaging/orthanc', OrthancLinkListSchema, { signal })).items,
    // Sync times and errors change on the server's own schedule.
    refetchInterval: 15_000,
  });
}

export function useSaveOrthancLink() {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: (input: { id: string | null; body: OrthancLinkInput }) =>
      input.id
        ? api.put(pathOf`/api/imaging/orthanc/${input.id}`, OrthancLinkSchema, input.body)
        : api.post('/api/imaging/orthanc', OrthancLinkSchema, input.body),
    onSuccess: invalidate,
  });
}

export function useDeleteOrthancLink() {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: (id: string) => api.delete(pathOf`/api/imaging/orthanc/${id}`, z.unknown()),
    onSuccess: invalidate,
  });
}

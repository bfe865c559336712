import {
  type ATTACHMENT_KINDS,
  AttachmentListSchema,
  AttachmentSchema,
  RecentDocumentsSchema,
} from '@carebase/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, pathOf, uploadFile } from '../../lib/api.ts';
import { refreshAfterChange } from '../../lib/events.ts';
import { patientKeys, queryKeys } from '../../lib/query-keys.ts';
import { contentTypeOf } from './file-rules.ts';

export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export function useAttachments(patientId: string, enabled = true) {
  return useQuery({
    queryKey: [...patientKeys.chart(patientId), 'attachments'],
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patientId}/attachments`, AttachmentListSchema, { signal }),
    enabled,
  });
}

/** Files others added lately for the signed-in clinician's patients; kept live by chart events. */
export function useRecentDocuments() {
  return useQuery({
    queryKey: queryKeys.recentDocuments,
    queryFn: ({ signal }) => api.get('/api/attachments/recent', RecentDocumentsSchema, { signal }),
  });
}

export interface UploadInput {
  file: File;
  kind: AttachmentKind;
  encounterId?: string;
  onProgress: (fraction: number) => void;
  signal: AbortSignal;
}

export function useUploadAttachment(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, kind, encounterId, onProgress, signal }: UploadInput) =>
      uploadFile({
        method: 'POST',
        path: pathOf`/api/patients/${patientId}/attachments`,
        query: { filename: file.name, kind, encounterId },
        file,
        contentType: contentTypeOf(file),
        schema: AttachmentSchema,
        onProgress,
        signal,
      }),
    // chart.changed follows after commit; it refreshes the chart unless the socket is down.
    onSuccess: () => refreshAfterChange(queryClient, [patientKeys.chart(patientId)]),
  });
}

/** The file in the browser (inline), or as a download. */
export function attachmentUrl(id: string, download = false): string {
  return `${pathOf`/api/attachments/${id}/content`}${download ? '?download=true' : ''}`;
}

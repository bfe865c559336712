import {
  AttachmentContentQuerySchema,
  AttachmentListSchema,
  AttachmentSchema,
  ChartPatientParamsSchema,
  IdParamsSchema,
  RECENT_DOCUMENTS_DAYS,
  RecentDocumentsSchema,
  UploadAttachmentQuerySchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { sendBlob } from '../../platform/files/blob-reply.ts';
import { contentDisposition } from '../../platform/files/file-type.ts';
import { registerRawUploadParser } from '../../platform/files/raw-upload.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import * as service from './attachments.service.ts';
import { listRecentDocuments } from './recent-documents.service.ts';

const tags = ['attachments'];

export function attachmentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Uploads are the raw file as the body, read whatever their type so that one clear 415 follows.
    registerRawUploadParser(app, service.uploadRules(ctx.config));

    app.post('/patients/:patientId/attachments', {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary:
          'Upload a JPEG, PNG or PDF (at most ATTACHMENT_MAX_MB, 10 MB unless set) as the raw request body with its Content-Type, streamed; name and kind in the query',
        params: ChartPatientParamsSchema,
        querystring: UploadAttachmentQuerySchema,
        response: { 201: AttachmentSchema },
      },
      handler: async (req, reply) => {
        const upload = await service.checkUpload(ctx, req.body, req.headers['content-type']);
        const attachment = await service.uploadAttachment(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.patientId,
          req.query,
          upload,
        );
        return reply.status(201).send(attachment);
      },
    });
    app.get('/patients/:patientId/attachments', {
      config: { access: ['chart:read', 'portal:self'] },
      schema: {
        tags,
        summary: "A patient's files, newest first",
        params: ChartPatientParamsSchema,
        response: { 200: AttachmentListSchema },
      },
      handler: async (req) => ({
        items: await service.listAttachments(ctx, principalOf(req), actorOf(req), req.params.patientId),
      }),
    });
    app.get('/attachments/recent', {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary: `Files added in the last ${RECENT_DOCUMENTS_DAYS} days to the records of the caller's patients, by others`,
        response: { 200: RecentDocumentsSchema },
      },
      handler: async (req) => listRecentDocuments(ctx, principalOf(req), actorOf(req)),
    });
    app.get('/attachments/:id/content', {
      config: { access: ['chart:read', 'portal:self'] },
      schema: {
        tags,
        summary: 'The file itself (inline, or as a download with ?download=true); every read is audited',
        params: IdParamsSchema,
        querystring: AttachmentContentQuerySchema,
      },
      handler: async (req, reply) => {
        const attachment = await service.openAttachmentContent(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.id,
        );
        const disposition = req.query.download === 'true' ? 'attachment' : 'inline';
        return sendBlob(req, reply, ctx.blobs, attachment.sha256, {
          'content-type': attachment.contentType,
          'content-disposition': contentDisposition(disposition, attachment.filename),
          'cache-control': 'private, no-store',
        });
      },
    });
  };
}

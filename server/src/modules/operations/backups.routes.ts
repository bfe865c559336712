import { BackupDetailSchema, BackupListSchema, BackupSchema, IdParamsSchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { contentDisposition } from '../../platform/files/file-type.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import * as backups from './backups.service.ts';

const tags = ['backups'];

export function backupsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/operations/backups', {
      config: { access: 'backups:manage' },
      schema: {
        tags,
        summary: 'Backups, newest first, with the success rate and when the last verified one was taken',
        response: { 200: BackupListSchema },
      },
      handler: async () => backups.listBackups(ctx),
    });
    app.post('/operations/backups', {
      config: { access: 'backups:manage' },
      schema: {
        tags,
        summary: 'Start a backup now (database and files, then verified by restoring it); 409 while one runs',
        response: { 202: BackupSchema },
      },
      handler: async (req, reply) => {
        const started = await backups.startBackup(ctx, actorOf(req), 'manual');
        return reply.status(202).send(started.backup);
      },
    });
    app.get('/operations/backups/:id', {
      config: { access: 'backups:manage' },
      schema: {
        tags,
        summary: 'One backup, with the row counts per table taken with it',
        params: IdParamsSchema,
        response: { 200: BackupDetailSchema },
      },
      handler: async (req) => backups.getBackup(ctx, req.params.id),
    });
    app.get('/operations/backups/:id/download', {
      config: { access: 'backups:manage' },
      schema: {
        tags,
        summary:
          'A verified backup as one tar file (extract it, then: carebase restore DIR/backups/KEY); audited',
        params: IdParamsSchema,
      },
      handler: async (req, reply) => {
        const file = await backups.downloadBackup(ctx, actorOf(req), req.params.id);
        return reply
          .type('application/x-tar')
          .header('content-length', file.length)
          .header('content-disposition', contentDisposition('attachment', file.filename))
          .header('cache-control', 'private, no-store')
          .send(file.stream);
      },
    });
  };
}

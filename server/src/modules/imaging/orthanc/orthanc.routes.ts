import { OrthancLinkInputSchema, OrthancLinkListSchema, OrthancLinkSchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app-context.ts';
import { actorOf } from '../../../platform/http/route-access.ts';
import {
  OrthancBrowseQuerySchema,
  OrthancLinkParamsSchema,
  OrthancPullResultSchema,
  OrthancPushBodySchema,
  OrthancPushResultSchema,
  OrthancReconcileResultSchema,
  OrthancRemoteStudyListSchema,
  OrthancStudyParamsSchema,
  OrthancTestResultSchema,
} from './orthanc.schemas.ts';
import { browseOrthanc } from './orthanc-browse.service.ts';
import * as links from './orthanc-links.service.ts';
import { reconcileOrthancLink } from './orthanc-sync.ts';
import { pullStudyFromOrthanc, pushStudyToOrthanc, remote } from './orthanc-transfer.service.ts';

const tags = ['imaging'];
const params = OrthancLinkParamsSchema;

/** Links to remote Orthanc servers (mounted under /api): manage, test, browse, pull, push, reconcile. */
export function orthancRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/imaging/orthanc', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'Orthanc links (passwords are never returned)',
        response: { 200: OrthancLinkListSchema },
      },
      handler: async () => links.listOrthancLinks(ctx),
    });
    app.post('/imaging/orthanc', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'Add an Orthanc link',
        body: OrthancLinkInputSchema,
        response: { 201: OrthancLinkSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await links.createOrthancLink(ctx, actorOf(req), req.body)),
    });
    app.put('/imaging/orthanc/:id', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'Change an Orthanc link (password: a string sets it, omitted keeps it, null clears it)',
        params,
        body: OrthancLinkInputSchema,
        response: { 200: OrthancLinkSchema },
      },
      handler: async (req) => links.updateOrthancLink(ctx, actorOf(req), req.params.id, req.body),
    });
    app.delete('/imaging/orthanc/:id', {
      config: { access: 'imaging:admin' },
      schema: { tags, summary: 'Remove an Orthanc link (studies already imported stay)', params },
      handler: async (req, reply) => {
        await links.deleteOrthancLink(ctx, actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    });
    app.post('/imaging/orthanc/:id/test', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: "Ask the Orthanc who it is (its /system): ok, its version, or why it can't be reached",
        params,
        response: { 200: OrthancTestResultSchema },
      },
      handler: async (req) => links.testOrthancLink(ctx, req.params.id),
    });
    app.get('/imaging/orthanc/:id/studies', {
      config: { access: 'imaging:read' },
      schema: {
        tags,
        summary: 'Find studies in the Orthanc (by name, patient ID or accession; dates; modality)',
        params,
        querystring: OrthancBrowseQuerySchema,
        response: { 200: OrthancRemoteStudyListSchema },
      },
      handler: async (req) => browseOrthanc(ctx, actorOf(req), req.params.id, req.query),
    });
    app.post('/imaging/orthanc/:id/studies/:orthancId/pull', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'Import every instance of one Orthanc study into this archive',
        params: OrthancStudyParamsSchema,
        response: { 200: OrthancPullResultSchema },
      },
      handler: async (req) => pullStudyFromOrthanc(ctx, actorOf(req), req.params.id, req.params.orthancId),
    });
    app.post('/imaging/orthanc/:id/push', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'Send every stored instance of a study to the Orthanc',
        params,
        body: OrthancPushBodySchema,
        response: { 200: OrthancPushResultSchema },
      },
      handler: async (req) => pushStudyToOrthanc(ctx, actorOf(req), req.params.id, req.body.studyUid),
    });
    app.post('/imaging/orthanc/:id/reconcile', {
      config: { access: 'imaging:admin' },
      schema: {
        tags,
        summary: 'Import now the Orthanc studies missing here (deletions on Orthanc are not copied)',
        params,
        response: { 200: OrthancReconcileResultSchema },
      },
      handler: async (req) => {
        const link = await links.requireLink(ctx.db, req.params.id);
        return remote(
          () => reconcileOrthancLink(ctx, link, actorOf(req)),
          `Orthanc at ${link.url} lost a resource during reconciliation; try again.`,
        );
      },
    });
  };
}

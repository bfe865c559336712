import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import { searchQido } from './qido.service.ts';
import { storeInstances, stowBoundary } from './stow.service.ts';
import * as wado from './wado.service.ts';

const tags = ['dicomweb'];
const uid = z
  .string()
  .max(64)
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'must be a DICOM UID (digits and dots)');
const StudyParams = z.object({ study: uid });
const SeriesParams = StudyParams.extend({ series: uid });
const InstanceParams = SeriesParams.extend({ instance: uid });
const FramesParams = InstanceParams.extend({ frames: z.string().max(20_000) });
const BulkParams = InstanceParams.extend({ '*': z.string().regex(/^[0-9A-F]{8}(\.\d+\.[0-9A-F]{8})*$/i) });
type Query = Record<string, string | string[] | undefined>;

/** The DICOMweb root as the caller reached it (behind a proxy too, with TRUST_PROXY). */
function baseOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}/dicom-web`;
}

function sendJson(reply: FastifyReply, body: string | unknown) {
  return reply.type('application/dicom+json').send(typeof body === 'string' ? body : JSON.stringify(body));
}

function sendMultipart(reply: FastifyReply, part: { contentType: string; stream: Readable }) {
  return reply.type(part.contentType).send(part.stream);
}

/** DICOMweb (PS3.18) under /dicom-web: STOW-RS, QIDO-RS and WADO-RS, for viewers, modalities and PACS. */
export function dicomwebRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // STOW-RS bodies stream through untouched; any other type reaches the route for one clear 415.
    app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

    const origins = new Set(ctx.config.dicomwebCorsOrigins);
    if (origins.size) {
      app.addHook('onRequest', async (req, reply) => {
        const origin = req.headers.origin;
        if (!origin || !(origins.has('*') || origins.has(origin))) return;
        reply.header('access-control-allow-origin', origins.has('*') ? '*' : origin);
        reply.header('vary', 'Origin');
        reply.header('access-control-expose-headers', 'Content-Type, Content-Length, Warning');
      });
      app.options('/*', {
        config: { access: 'public' },
        schema: { tags, summary: 'CORS preflight for external viewers (DICOMWEB_CORS_ORIGINS)' },
        handler: async (_req, reply) =>
          reply
            .header('access-control-allow-methods', 'GET, POST, OPTIONS')
            .header('access-control-allow-headers', 'Authorization, Accept, Content-Type')
            .header('access-control-max-age', '600')
            .status(204)
            .send(),
      });
    }

    const stow = async (req: FastifyRequest, reply: FastifyReply, expectedStudyUid?: string) => {
      const boundary = stowBoundary(req.headers['content-type']);
      const result = await storeInstances(ctx, actorOf(req), req.body as Readable, boundary, {
        base: baseOf(req),
        ...(expectedStudyUid ? { expectedStudyUid } : {}),
      });
      return sendJson(reply.status(result.status), result.body);
    };
    app.post('/studies', {
      config: { access: 'imaging:store' },
      schema: {
        tags,
        summary: 'STOW-RS: store the DICOM files of a multipart/related body, each on its own',
      },
      handler: (req, reply) => stow(req, reply),
    });
    app.post('/studies/:study', {
      config: { access: 'imaging:store' },
      schema: {
        tags,
        summary: 'STOW-RS into one study: instances of other studies are refused',
        params: StudyParams,
      },
      handler: (req, reply) => stow(req, reply, req.params.study),
    });

    const qido = (level: 'study' | 'series' | 'instance', summary: string, params?: z.ZodObject) => ({
      config: { access: 'imaging:read' as const },
      schema: { tags, summary, ...(params ? { params } : {}) },
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const p = (req.params ?? {}) as { study?: string; series?: string };
        const scope = {
          ...(p.study ? { studyUid: p.study } : {}),
          ...(p.series ? { seriesUid: p.series } : {}),
        };
        return sendJson(
          reply,
          await searchQido(ctx, actorOf(req), level, req.query as Query, scope, baseOf(req)),
        );
      },
    });
    app.get('/studies', qido('study', 'QIDO-RS: search studies'));
    app.get('/series', qido('series', 'QIDO-RS: search series of all studies'));
    app.get('/instances', qido('instance', 'QIDO-RS: search instances of all studies'));
    app.get('/studies/:study/series', qido('series', "QIDO-RS: search a study's series", StudyParams));
    app.get(
      '/studies/:study/instances',
      qido('instance', "QIDO-RS: search a study's instances", StudyParams),
    );
    app.get(
      '/studies/:study/series/:series/instances',
      qido('instance', "QIDO-RS: search a series' instances", SeriesParams),
    );

    const scopeOf = (p: { study: string; series?: string; instance?: string }) => ({
      studyUid: p.study,
      ...(p.series ? { seriesUid: p.series } : {}),
      ...(p.instance ? { sopInstanceUid: p.instance } : {}),
    });
    for (const [path, params] of [
      ['/studies/:study', StudyParams],
      ['/studies/:study/series/:series', SeriesParams],
      ['/studies/:study/series/:series/instances/:instance', InstanceParams],
    ] as const) {
      app.get(path, {
        config: { access: 'imaging:read' },
        schema: { tags, summary: 'WADO-RS: the stored DICOM files, as multipart/related', params },
        handler: async (req, reply) =>
          sendMultipart(
            reply,
            await wado.retrieveInstances(ctx, actorOf(req), scopeOf(req.params), req.headers.accept),
          ),
      });
      app.get(`${path}/metadata`, {
        config: { access: 'imaging:read' },
        schema: { tags, summary: 'WADO-RS: metadata in DICOM JSON, bulk data as BulkDataURIs', params },
        handler: async (req, reply) =>
          sendJson(reply, await wado.retrieveMetadata(ctx, actorOf(req), scopeOf(req.params), baseOf(req))),
      });
    }
    const RenderQuery = z.object({
      window: z.string().max(100).optional(),
      viewport: z.string().max(20).optional(),
      quality: z.coerce.number().int().min(1).max(100).optional(),
    });
    const FrameParams = InstanceParams.extend({ frame: z.coerce.number().int().min(1).max(100_000) });
    for (const [path, params] of [
      ['/studies/:study', StudyParams],
      ['/studies/:study/series/:series', SeriesParams],
      ['/studies/:study/series/:series/instances/:instance', InstanceParams],
      ['/studies/:study/series/:series/instances/:instance/frames/:frame', FrameParams],
    ] as const) {
      for (const kind of ['rendered', 'thumbnail'] as const) {
        app.get(`${path}/${kind}`, {
          config: { access: 'imaging:read' },
          schema: {
            tags,
            summary: `WADO-RS ${kind}: a frame as JPEG (or PNG when asked), windowed (window=c,w) and scaled (viewport=w,h)`,
            params,
            querystring: RenderQuery,
          },
          handler: async (req, reply) => {
            const p = req.params as { study: string; series?: string; instance?: string; frame?: number };
            const image = await wado.retrieveRendered(
              ctx,
              actorOf(req),
              scopeOf(p),
              p.frame ?? null,
              req.query,
              req.headers.accept,
              kind === 'thumbnail',
            );
            return reply
              .type(image.contentType)
              .header('cache-control', 'private, max-age=3600')
              .send(image.body);
          },
        });
      }
    }
    const WadoUriQuery = z.object({
      requestType: z.literal('WADO'),
      studyUID: uid,
      seriesUID: uid,
      objectUID: uid,
      contentType: z.enum(['application/dicom', 'image/jpeg', 'image/png']).default('image/jpeg'),
      frameNumber: z.coerce.number().int().min(1).max(100_000).optional(),
      windowCenter: z.coerce.number().optional(),
      windowWidth: z.coerce.number().min(1).optional(),
      rows: z.coerce.number().int().min(1).max(4096).optional(),
      columns: z.coerce.number().int().min(1).max(4096).optional(),
    });
    app.get('/wado', {
      config: { access: 'imaging:read' },
      schema: {
        tags,
        summary: 'WADO-URI (PS3.18 9): one instance as the DICOM file, or one frame as JPEG/PNG',
        querystring: WadoUriQuery,
      },
      handler: async (req, reply) => {
        const q = req.query;
        const scope = { studyUid: q.studyUID, seriesUid: q.seriesUID, sopInstanceUid: q.objectUID };
        if (q.contentType === 'application/dicom') {
          const file = await wado.retrieveFile(ctx, actorOf(req), scope);
          return reply.type('application/dicom').send(file);
        }
        const image = await wado.retrieveRendered(
          ctx,
          actorOf(req),
          scope,
          q.frameNumber ?? null,
          {
            ...(q.windowCenter !== undefined && q.windowWidth !== undefined
              ? { window: `${q.windowCenter},${q.windowWidth}` }
              : {}),
            ...(q.rows || q.columns ? { viewport: `${q.columns ?? q.rows},${q.rows ?? q.columns}` } : {}),
          },
          q.contentType,
          false,
        );
        return reply.type(image.contentType).send(image.body);
      },
    });
    app.get('/studies/:study/series/:series/instances/:instance/frames/:frames', {
      config: { access: 'imaging:read' },
      schema: {
        tags,
        summary: 'WADO-RS: frames, uncompressed or as stored (transfer-syntax=*)',
        params: FramesParams,
      },
      handler: async (req, reply) =>
        sendMultipart(
          reply,
          await wado.retrieveFrames(
            ctx,
            actorOf(req),
            scopeOf(req.params),
            wado.parseFrameList(req.params.frames),
            req.headers.accept,
          ),
        ),
    });
    app.get('/studies/:study/series/:series/instances/:instance/bulk/*', {
      config: { access: 'imaging:read' },
      schema: { tags, summary: 'WADO-RS: a bulk data value named by a BulkDataURI', params: BulkParams },
      handler: async (req, reply) =>
        sendMultipart(
          reply,
          await wado.retrieveBulk(
            ctx,
            actorOf(req),
            scopeOf(req.params),
            req.params['*'],
            req.headers.accept,
          ),
        ),
    });
  };
}

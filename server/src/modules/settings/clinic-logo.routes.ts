import { LogoParamsSchema, PublicSettingsSchema } from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { registerRawUploadParser } from '../../platform/files/raw-upload.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import * as logo from './clinic-logo.service.ts';

const tags = ['settings'];

/** In a scope of its own: the raw-bytes parser must not reach the JSON routes of the settings. */
export function clinicLogoRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    registerRawUploadParser(app, logo.LOGO_UPLOAD_RULES);

    app.put('/logo', {
      config: { access: 'settings:write' },
      schema: {
        tags,
        summary:
          'Upload the clinic logo: the raw PNG, JPEG or WebP bytes as the body with their Content-Type (at most 1 MB)',
        response: { 200: PublicSettingsSchema },
      },
      handler: async (req) => logo.uploadClinicLogo(ctx, actorOf(req), req.body, req.headers['content-type']),
    });
    app.delete('/logo', {
      config: { access: 'settings:write' },
      schema: { tags, summary: 'Remove the clinic logo', response: { 200: PublicSettingsSchema } },
      handler: async (req) => logo.removeClinicLogo(ctx, actorOf(req)),
    });
    app.get('/logo/:sha', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "The clinic's current logo (for the sign-in page); any other address answers 404",
        params: LogoParamsSchema,
      },
      handler: async (req, reply) => {
        const { bytes, type } = await logo.readClinicLogo(ctx, req.params.sha);
        // The address changes with the image, so the browser may keep it for good.
        return reply
          .type(type)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(bytes);
      },
    });
  };
}

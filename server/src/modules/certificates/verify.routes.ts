import {
  CertificateVerificationSchema,
  normalizeVerificationCode,
  VerificationParamsSchema,
  VerificationQuerySchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import { verifyCode } from './verify.service.ts';
import { pickLanguage, renderVerifyPage } from './verify-page.ts';

const tags = ['certificates'];
/** Public and unauthenticated: the limit is what keeps 50-bit codes from being guessed. */
export const VERIFY_RATE_LIMIT = { max: 30, timeWindow: 60_000 };
const access = { access: 'public' as const, rateLimit: VERIFY_RATE_LIMIT };

/** The public verification page and its JSON twin; registered at the root. */
export function verifyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/verify/:code', {
      config: access,
      schema: {
        tags,
        summary: 'Public page: is this certificate genuine? (HTML, en/es)',
        params: VerificationParamsSchema,
        querystring: VerificationQuerySchema,
      },
      handler: async (req, reply) => {
        const result = await verifyCode(ctx, actorOf(req), req.params.code);
        const clinicName = result.found ? result.facts.clinicName : result.clinicName;
        const html = renderVerifyPage({
          lang: pickLanguage(req.query.lang, req.headers['accept-language']),
          clinicName,
          result,
          path: `/verify/${encodeURIComponent(req.params.code)}`,
        });
        return reply
          .status(result.found ? 200 : 404)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(html);
      },
    });

    app.get('/verify', {
      config: access,
      schema: {
        tags,
        summary: 'Public page: the form to type a verification code (submits to itself, then redirects)',
        querystring: VerificationQuerySchema.extend({ code: z.string().max(40).optional() }),
      },
      handler: async (req, reply) => {
        const lang = pickLanguage(req.query.lang, req.headers['accept-language']);
        if (req.query.code) {
          const code = normalizeVerificationCode(req.query.code) ?? req.query.code.trim();
          return reply.redirect(`/verify/${encodeURIComponent(code)}?lang=${lang}`, 303);
        }
        const { settings } = await ctx.settings.get(ctx.db);
        return reply
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(renderVerifyPage({ lang, clinicName: settings.clinicName, path: '/verify' }));
      },
    });

    app.get('/api/verify/:code', {
      config: access,
      schema: {
        tags,
        summary: 'Public: the facts of a certificate by its verification code (JSON); 404 when unknown',
        params: VerificationParamsSchema,
        response: { 200: CertificateVerificationSchema },
      },
      handler: async (req) => {
        const result = await verifyCode(ctx, actorOf(req), req.params.code);
        if (!result.found) throw new AppError('not_found', 'No certificate has this verification code.');
        return result.facts;
      },
    });
  };
}

import {
  ApiTokenSchema,
  ChangePasswordRequestSchema,
  CreateApiTokenSchema,
  CreatedApiTokenSchema,
  IdParamsSchema,
  LoginRequestSchema,
  MeSchema,
  MfaDisableSchema,
  MfaEnrollConfirmSchema,
  MfaEnrollStartSchema,
  MfaRecoveryCodesSchema,
  OkSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/request-auth.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import * as auth from './auth.service.ts';
import * as mfa from './mfa.service.ts';

const tags = ['auth'];

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const limited = { rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: 60_000 } };

    app.post('/login', {
      config: { access: 'public', ...limited },
      schema: {
        tags,
        summary: 'Sign in with email, password and (when enrolled) a TOTP code',
        body: LoginRequestSchema,
        response: { 200: MeSchema },
      },
      handler: async (req, reply) => {
        const { token, me } = await auth.login(ctx, actorOf(req), req.body);
        setSessionCookie(reply, token, {
          secure: ctx.config.secureCookies,
          maxAgeMs: ctx.config.sessionMaxMs,
        });
        return me;
      },
    });

    app.post('/logout', {
      config: { access: 'authenticated', duringMfaEnrollment: true, duringPasswordChange: true },
      schema: { tags, summary: 'End this session', response: { 200: OkSchema } },
      handler: async (req, reply) => {
        await auth.logout(ctx, actorOf(req), principalOf(req));
        clearSessionCookie(reply, ctx.config.secureCookies);
        return { ok: true as const };
      },
    });

    app.get('/me', {
      config: { access: 'authenticated', duringMfaEnrollment: true, duringPasswordChange: true },
      schema: {
        tags,
        summary: 'The signed-in account, its roles, permissions and settings',
        response: { 200: MeSchema },
      },
      handler: async (req) => auth.me(ctx, principalOf(req)),
    });

    app.post('/password', {
      config: { access: 'authenticated', duringPasswordChange: true, ...limited },
      schema: {
        tags,
        summary: 'Change your password',
        body: ChangePasswordRequestSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await auth.changePassword(ctx, actorOf(req), principalOf(req), req.body);
        return { ok: true as const };
      },
    });

    app.post('/password-reset/request', {
      config: { access: 'public', ...limited },
      schema: {
        tags,
        summary:
          'Email a single-use password reset link (answers the same whether or not the account exists)',
        body: PasswordResetRequestSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await auth.requestPasswordReset(ctx, actorOf(req), req.body.email);
        return { ok: true as const };
      },
    });

    app.post('/password-reset/confirm', {
      config: { access: 'public', ...limited },
      schema: {
        tags,
        summary: 'Set a new password with a reset token',
        body: PasswordResetConfirmSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await auth.confirmPasswordReset(ctx, actorOf(req), req.body);
        return { ok: true as const };
      },
    });

    app.post('/mfa/enroll', {
      config: { access: 'authenticated', duringMfaEnrollment: true },
      schema: {
        tags,
        summary: 'Start TOTP enrolment: a new secret and its QR code',
        response: { 200: MfaEnrollStartSchema },
      },
      handler: async (req) => mfa.startEnrollment(ctx, actorOf(req), principalOf(req)),
    });

    app.post('/mfa/confirm', {
      config: { access: 'authenticated', duringMfaEnrollment: true, ...limited },
      schema: {
        tags,
        summary: 'Finish TOTP enrolment with a current code; returns recovery codes once',
        body: MfaEnrollConfirmSchema,
        response: { 200: MfaRecoveryCodesSchema },
      },
      handler: async (req) => mfa.confirmEnrollment(ctx, actorOf(req), principalOf(req), req.body.otp),
    });

    app.post('/mfa/disable', {
      config: { access: 'authenticated', ...limited },
      schema: {
        tags,
        summary: 'Turn TOTP off (refused when a role requires it)',
        body: MfaDisableSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await mfa.disableMfa(ctx, actorOf(req), principalOf(req), req.body.password);
        return { ok: true as const };
      },
    });

    app.get('/tokens', {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Your API tokens', response: { 200: z.array(ApiTokenSchema) } },
      handler: async (req) => auth.listTokens(ctx, principalOf(req)),
    });

    app.post('/tokens', {
      config: { access: 'tokens:create' },
      schema: {
        tags,
        summary: 'Create an API token (shown once) with your permissions or fewer',
        body: CreateApiTokenSchema,
        response: { 201: CreatedApiTokenSchema },
      },
      handler: async (req, reply) => {
        const created = await auth.createToken(ctx, actorOf(req), principalOf(req), req.body);
        return reply.status(201).send(created);
      },
    });

    app.delete('/tokens/:id', {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Revoke one of your API tokens',
        params: IdParamsSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await auth.revokeToken(ctx, actorOf(req), principalOf(req), req.params.id);
        return { ok: true as const };
      },
    });
  };
}

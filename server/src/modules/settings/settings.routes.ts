import {
  PublicSettingsSchema,
  SystemSettingsPatchSchema,
  SystemSettingsResponseSchema,
  UserSettingsPatchSchema,
  UserSettingsSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { storedUserSettings } from '../users/users.service.ts';
import * as settings from './settings.service.ts';

const tags = ['settings'];

export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/public', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Clinic name, logo, time zone, currency and phone region (for the sign-in page and phones)',
        response: { 200: PublicSettingsSchema },
      },
      handler: async () => settings.publicSettingsOf(await settings.getSystemSettings(ctx), ctx.config),
    });
    app.get('/me', {
      config: { access: 'authenticated', duringMfaEnrollment: true },
      schema: { tags, summary: 'Your settings', response: { 200: UserSettingsSchema } },
      handler: async (req) =>
        settings.userSettingsOf(
          await storedUserSettings(ctx.db, principalOf(req).userId),
          await settings.clinicLanguage(ctx),
        ),
    });
    app.patch('/me', {
      config: { access: 'authenticated', duringMfaEnrollment: true },
      schema: {
        tags,
        summary: 'Change your settings',
        body: UserSettingsPatchSchema,
        response: { 200: UserSettingsSchema },
      },
      handler: async (req) =>
        settings.patchUserSettings(ctx, actorOf(req), principalOf(req).userId, req.body),
    });
    app.get('/system', {
      config: { access: 'settings:read' },
      schema: {
        tags,
        summary: 'Clinic-wide settings (secrets are reported as set or not, never returned)',
        response: { 200: SystemSettingsResponseSchema },
      },
      handler: async () => settings.getSystemSettings(ctx),
    });
    app.patch('/system', {
      config: { access: 'settings:write' },
      schema: {
        tags,
        summary: 'Change clinic-wide settings; secrets are write-only',
        body: SystemSettingsPatchSchema,
        response: { 200: SystemSettingsResponseSchema },
      },
      handler: async (req) => settings.patchSystemSettings(ctx, actorOf(req), req.body),
    });
  };
}

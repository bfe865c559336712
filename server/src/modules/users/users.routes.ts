import {
  CreateUserSchema,
  IdParamsSchema,
  OkSchema,
  UpdateUserSchema,
  UserListQuerySchema,
  UserPageSchema,
  UserSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import * as users from './users.service.ts';

const tags = ['users'];

export function usersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { access: 'users:read' },
      schema: {
        tags,
        summary: 'List users with search, filters, sort and pages',
        querystring: UserListQuerySchema,
        response: { 200: UserPageSchema },
      },
      handler: async (req) => users.listUsers(ctx, req.query),
    });
    app.post('', {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Create a user (without a password, they are emailed a link to set one)',
        body: CreateUserSchema,
        response: { 201: UserSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await users.createUser(ctx, actorOf(req), req.body)),
    });
    app.get('/:id', {
      config: { access: 'users:read' },
      schema: { tags, summary: 'One user', params: IdParamsSchema, response: { 200: UserSchema } },
      handler: async (req) => users.getUser(ctx.db, req.params.id),
    });
    app.patch('/:id', {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Edit, deactivate (active: false) or reactivate a user; change roles',
        params: IdParamsSchema,
        body: UpdateUserSchema,
        response: { 200: UserSchema },
      },
      handler: async (req) => users.updateUser(ctx, actorOf(req), req.params.id, req.body),
    });
    app.post('/:id/password-reset', {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Email the user a password reset link',
        params: IdParamsSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await users.adminPasswordReset(ctx, actorOf(req), req.params.id);
        return { ok: true as const };
      },
    });
  };
}

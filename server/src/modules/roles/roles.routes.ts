import {
  CreateRoleSchema,
  OkSchema,
  RoleKeyParamsSchema,
  RoleSchema,
  UpdateRoleSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import * as roles from './roles.service.ts';

const tags = ['roles'];

export function rolesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { access: 'roles:read' },
      schema: {
        tags,
        summary: 'All roles with their permissions and user counts',
        response: { 200: z.array(RoleSchema) },
      },
      handler: async () => roles.listRoles(ctx.db),
    });
    app.post('', {
      config: { access: 'roles:write' },
      schema: {
        tags,
        summary: 'Create a custom role',
        body: CreateRoleSchema,
        response: { 201: RoleSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await roles.createRole(ctx, actorOf(req), req.body)),
    });
    app.patch('/:key', {
      config: { access: 'roles:write' },
      schema: {
        tags,
        summary: 'Edit a role (built-in roles keep their permissions)',
        params: RoleKeyParamsSchema,
        body: UpdateRoleSchema,
        response: { 200: RoleSchema },
      },
      handler: async (req) => roles.updateRole(ctx, actorOf(req), req.params.key, req.body),
    });
    app.delete('/:key', {
      config: { access: 'roles:write' },
      schema: {
        tags,
        summary: 'Delete a custom role that no user holds',
        params: RoleKeyParamsSchema,
        response: { 200: OkSchema },
      },
      handler: async (req) => {
        await roles.deleteRole(ctx, actorOf(req), req.params.key);
        return { ok: true as const };
      },
    });
  };
}

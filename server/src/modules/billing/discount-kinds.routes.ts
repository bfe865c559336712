import {
  CreateDiscountKindSchema,
  DiscountKindListQuerySchema,
  DiscountKindListSchema,
  DiscountKindSchema,
  IdParamsSchema,
  UpdateDiscountKindSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import * as discounts from './discount-kinds.service.ts';

const tags = ['billing'];

export function discountKindsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/discount-kinds', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'The kinds of discount the clinic grants, by code',
        querystring: DiscountKindListQuerySchema,
        response: { 200: DiscountKindListSchema },
      },
      handler: async (req) => ({ items: await discounts.listDiscountKinds(ctx.db, req.query) }),
    });
    app.post('/discount-kinds', {
      config: { access: 'discounts:write' },
      schema: {
        tags,
        summary: 'Add a kind of discount',
        body: CreateDiscountKindSchema,
        response: { 201: DiscountKindSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await discounts.createDiscountKind(ctx, actorOf(req), req.body)),
    });
    app.get('/discount-kinds/:id', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'A kind of discount',
        params: IdParamsSchema,
        response: { 200: DiscountKindSchema },
      },
      handler: async (req) => discounts.getDiscountKind(ctx.db, req.params.id),
    });
    app.patch('/discount-kinds/:id', {
      config: { access: 'discounts:write' },
      schema: {
        tags,
        summary: 'Edit a kind of discount; active false retires it (kinds are never deleted)',
        params: IdParamsSchema,
        body: UpdateDiscountKindSchema,
        response: { 200: DiscountKindSchema },
      },
      handler: async (req) => discounts.updateDiscountKind(ctx, actorOf(req), req.params.id, req.body),
    });
  };
}

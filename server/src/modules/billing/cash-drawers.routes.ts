import {
  CashDrawerListSchema,
  CashDrawerSchema,
  CloseDrawerSchema,
  DrawerListQuerySchema,
  IdParamsSchema,
  OpenDrawerSchema,
  PaidOutSchema,
  ReopenDrawerSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import * as drawers from './cash-drawers.service.ts';

const tags = ['billing'];

/** Cashiers' drawers: open with a float, pay out, count and close; a supervisor reopens. */
export function cashDrawersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/drawers', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: "Open the caller's cash drawer for the clinic's today with an opening float",
        body: OpenDrawerSchema,
        response: { 201: CashDrawerSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await drawers.openDrawer(ctx, actorOf(req), req.body)),
    });
    app.get('/drawers/mine', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: "The caller's cash drawer of today, or 404",
        response: { 200: CashDrawerSchema },
      },
      handler: async (req) => drawers.myDrawer(ctx, principalOf(req).userId),
    });
    app.get('/drawers', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'Every cash drawer of a business day (today by default), with the cash each should hold',
        querystring: DrawerListQuerySchema,
        response: { 200: CashDrawerListSchema },
      },
      handler: async (req) => ({ items: await drawers.listDrawers(ctx, req.query.day) }),
    });
    app.get('/drawers/:id', {
      config: { access: ['billing:read', 'invoices:write'] },
      schema: {
        tags,
        summary: 'A cash drawer with its movements (a cashier without billing:read sees only their own)',
        params: IdParamsSchema,
        response: { 200: CashDrawerSchema },
      },
      handler: async (req) => drawers.getDrawer(ctx.db, req.params.id, principalOf(req)),
    });
    app.post('/drawers/:id/paid-outs', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: "Take cash out of one's own open drawer, for a reason",
        params: IdParamsSchema,
        body: PaidOutSchema,
        response: { 200: CashDrawerSchema },
      },
      handler: async (req) => drawers.addPaidOut(ctx, actorOf(req), req.params.id, req.body),
    });
    app.post('/drawers/:id/close', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: "Close one's own drawer with the cash counted by denomination",
        params: IdParamsSchema,
        body: CloseDrawerSchema,
        response: { 200: CashDrawerSchema },
      },
      handler: async (req) => drawers.closeDrawer(ctx, actorOf(req), req.params.id, req.body),
    });
    app.post('/drawers/:id/reopen', {
      config: { access: 'drawers:reopen' },
      schema: {
        tags,
        summary: 'Reopen a closed drawer, for a reason; its count is cleared',
        params: IdParamsSchema,
        body: ReopenDrawerSchema,
        response: { 200: CashDrawerSchema },
      },
      handler: async (req) => drawers.reopenDrawer(ctx, actorOf(req), req.params.id, req.body),
    });
  };
}

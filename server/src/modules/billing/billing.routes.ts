import {
  CreatePriceItemSchema,
  IdParamsSchema,
  ImportServicesResultSchema,
  PriceItemHistorySchema,
  PriceItemListSchema,
  PriceItemSchema,
  PriceListQuerySchema,
  ProviderShareParamsSchema,
  PutProviderShareSchema,
  UpdatePriceItemSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import { importServices } from './import-services.service.ts';
import * as priceList from './price-list.service.ts';
import * as shares from './provider-shares.service.ts';

const tags = ['billing'];

export function billingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/price-list', {
      // Dentists plan treatments priced from the list's dental items.
      config: { access: ['billing:read', 'dental:write'] },
      schema: {
        tags,
        summary: 'Price list items by kind and code, with their prices and share rules in force',
        querystring: PriceListQuerySchema,
        response: { 200: PriceItemListSchema },
      },
      handler: async (req) => ({ items: await priceList.listPriceItems(ctx.db, req.query) }),
    });
    app.post('/price-list', {
      config: { access: 'pricelist:write' },
      schema: {
        tags,
        summary: 'Add an item to the price list',
        body: CreatePriceItemSchema,
        response: { 201: PriceItemSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await priceList.createPriceItem(ctx, actorOf(req), req.body)),
    });
    app.post('/price-list/import-services', {
      config: { access: 'pricelist:write' },
      schema: {
        tags,
        summary: 'Add a consultation item for each active, priced service not billed yet',
        response: { 200: ImportServicesResultSchema },
      },
      handler: async (req) => ({ created: await importServices(ctx, actorOf(req)) }),
    });
    app.get('/price-list/:id', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'A price list item',
        params: IdParamsSchema,
        response: { 200: PriceItemSchema },
      },
      handler: async (req) => priceList.getPriceItem(ctx.db, req.params.id),
    });
    app.patch('/price-list/:id', {
      config: { access: 'pricelist:write' },
      schema: {
        tags,
        summary: 'Edit an item; a new price, tax rate or default share starts a new period',
        params: IdParamsSchema,
        body: UpdatePriceItemSchema,
        response: { 200: PriceItemSchema },
      },
      handler: async (req) => priceList.updatePriceItem(ctx, actorOf(req), req.params.id, req.body),
    });
    app.get('/price-list/:id/history', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'Every period of the item’s price and share rules, newest first',
        params: IdParamsSchema,
        response: { 200: PriceItemHistorySchema },
      },
      handler: async (req) => priceList.priceItemHistory(ctx.db, req.params.id),
    });
    app.put('/price-list/:id/shares/:providerId', {
      config: { access: 'pricelist:write' },
      schema: {
        tags,
        summary: 'Set a provider’s own share of the item',
        params: ProviderShareParamsSchema,
        body: PutProviderShareSchema,
        response: { 200: PriceItemSchema },
      },
      handler: async (req) => shares.setProviderShare(ctx, actorOf(req), req.params, req.body.share),
    });
    app.delete('/price-list/:id/shares/:providerId', {
      config: { access: 'pricelist:write' },
      schema: {
        tags,
        summary: 'End a provider’s own share; the default rule applies again',
        params: ProviderShareParamsSchema,
        response: { 200: PriceItemSchema },
      },
      handler: async (req) => shares.endProviderShare(ctx, actorOf(req), req.params),
    });
  };
}

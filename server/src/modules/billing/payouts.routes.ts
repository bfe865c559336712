import {
  CreatePayoutSchema,
  DoctorStatementSchema,
  MyEarningsSchema,
  PayoutBalancesSchema,
  PayoutListQuerySchema,
  PayoutListSchema,
  PayoutPeriodQuerySchema,
  PayoutSchema,
  ProviderParamsSchema,
  StatementPdfQuerySchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { sendPdf } from '../../platform/pdf/pdf-reply.ts';
import * as payouts from './payouts.service.ts';

const tags = ['billing'];
/** A doctor's own statement is open to them with earnings:self; the service refuses anyone else's. */
const STATEMENT_ACCESS = ['billing:read', 'earnings:self'] as const;

/** Doctor payouts and earnings, under /api/billing. */
export function payoutsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/payouts/balances', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'Per doctor: shares earned and payouts made in the period, and what is owed over all time',
        querystring: PayoutPeriodQuerySchema,
        response: { 200: PayoutBalancesSchema },
      },
      handler: async (req) => payouts.payoutBalances(ctx, req.query),
    });
    app.get('/payouts/doctors/:providerId/statement', {
      config: { access: STATEMENT_ACCESS },
      schema: {
        tags,
        summary: 'A doctor’s statement: opening balance, shares, payouts, closing balance; audited',
        params: ProviderParamsSchema,
        querystring: PayoutPeriodQuerySchema,
        response: { 200: DoctorStatementSchema },
      },
      handler: async (req) =>
        payouts.doctorStatement(ctx, principalOf(req), actorOf(req), req.params.providerId, req.query),
    });
    app.get('/payouts/doctors/:providerId/statement.pdf', {
      config: { access: STATEMENT_ACCESS },
      schema: {
        tags,
        summary: 'The doctor’s statement as a PDF, in the clinic’s language unless lang is given; audited',
        params: ProviderParamsSchema,
        querystring: StatementPdfQuerySchema,
      },
      handler: async (req, reply) => {
        const { pdf, filename } = await payouts.doctorStatementPdf(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.providerId,
          req.query,
        );
        return sendPdf(reply, pdf, filename);
      },
    });
    app.get('/payouts', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'Payouts to doctors, newest first (at most 500)',
        querystring: PayoutListQuerySchema,
        response: { 200: PayoutListSchema },
      },
      handler: async (req) => payouts.listPayouts(ctx, req.query),
    });
    app.post('/payouts', {
      config: { access: 'payouts:write' },
      schema: {
        tags,
        summary: 'Pay a doctor part or all of what they are owed; more than is outstanding is refused (409)',
        body: CreatePayoutSchema,
        response: { 201: PayoutSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await payouts.createPayout(ctx, actorOf(req), req.body)),
    });
    app.get('/earnings/mine', {
      config: { access: 'earnings:self' },
      schema: {
        tags,
        summary:
          'The caller’s own shares: earned (this month by default) with a value per day, and what is owed',
        querystring: PayoutPeriodQuerySchema,
        response: { 200: MyEarningsSchema },
      },
      handler: async (req) => payouts.myEarnings(ctx, principalOf(req), req.query),
    });
  };
}

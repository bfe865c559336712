import {
  ApplyCreditSchema,
  CreatePaymentSchema,
  CreateRefundSchema,
  EmailedSchema,
  IdParamsSchema,
  PatientAccountSchema,
  PaymentListQuerySchema,
  PaymentListSchema,
  PaymentSchema,
  ReceiptQuerySchema,
  RefundSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { sendPdf } from '../../platform/pdf/pdf-reply.ts';
import { emailReceipt, receiptDocument } from './billing-documents.service.ts';
import { patientAccount } from './patient-account.service.ts';
import * as payments from './payments.service.ts';
import { createRefund } from './refunds.service.ts';

const tags = ['billing'];

/** Payments at /api/payments; credit notes and patients' accounts sit beside them. */
export function paymentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'Payments by patient, invoice or day, newest first (at most 500); audited',
        querystring: PaymentListQuerySchema,
        response: { 200: PaymentListSchema },
      },
      handler: async (req) => payments.listPayments(ctx, actorOf(req), req.query),
    });
    app.post('', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Take a payment on a patient’s invoices; the rest held as a deposit only when asked',
        body: CreatePaymentSchema,
        response: { 201: PaymentSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await payments.createPayment(ctx, principalOf(req), actorOf(req), req.body)),
    });
    app.post('/apply-credit', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Apply money held on the patient’s account to an invoice',
        body: ApplyCreditSchema,
        response: { 200: z.object({ payments: z.array(PaymentSchema) }) },
      },
      handler: async (req) => ({ payments: await payments.applyCredit(ctx, actorOf(req), req.body) }),
    });
    app.get('/:id', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'A payment and what it settled; audited',
        params: IdParamsSchema,
        response: { 200: PaymentSchema },
      },
      handler: async (req) => payments.getPayment(ctx, actorOf(req), req.params.id),
    });
    app.get('/:id/receipt.pdf', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'The receipt as a PDF: A4 with letterhead, or 80 mm thermal paper; audited',
        params: IdParamsSchema,
        querystring: ReceiptQuerySchema,
      },
      handler: async (req, reply) => {
        const { pdf, filename } = await receiptDocument(ctx, actorOf(req), req.params.id, req.query);
        return sendPdf(reply, pdf, filename);
      },
    });
    app.post('/:id/email', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Email the receipt PDF to the patient through the outbox (409 without an address)',
        params: IdParamsSchema,
        response: { 202: EmailedSchema },
      },
      handler: async (req, reply) =>
        reply.status(202).send(await emailReceipt(ctx, actorOf(req), req.params.id)),
    });
    app.post('/refunds', {
      config: { access: 'refunds:write' },
      schema: {
        tags,
        summary: 'Refund part or all of what was paid on an invoice, as a credit note (CN-YYYY-NNNNNN)',
        body: CreateRefundSchema,
        response: { 201: RefundSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await createRefund(ctx, principalOf(req), actorOf(req), req.body)),
    });
    app.get('/accounts/:id', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'A patient’s statement: invoices, payments, refunds, what they owe and hold; audited',
        params: IdParamsSchema,
        response: { 200: PatientAccountSchema },
      },
      handler: async (req) => patientAccount(ctx, actorOf(req), req.params.id),
    });
  };
}

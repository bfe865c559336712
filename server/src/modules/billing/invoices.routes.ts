import {
  ClaimSchema,
  CreateInvoiceSchema,
  DocumentLanguageSchema,
  DraftedInvoiceSchema,
  DraftFromVisitSchema,
  EmailedSchema,
  IdParamsSchema,
  InvoiceListQuerySchema,
  InvoicePageSchema,
  InvoiceSchema,
  RefundListSchema,
  UpdateClaimSchema,
  UpdateInvoiceSchema,
  VoidInvoiceSchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { sendPdf } from '../../platform/pdf/pdf-reply.ts';
import { emailInvoice, invoiceDocument } from './billing-documents.service.ts';
import { getClaim, updateClaim } from './claims.service.ts';
import { draftFromVisit } from './invoice-draft.service.ts';
import * as invoices from './invoices.service.ts';
import { listInvoiceRefunds } from './refunds.service.ts';

const tags = ['billing'];

export function invoicesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary:
          'Invoices by status, day, patient or doctor, newest first, with sums over every match; audited',
        querystring: InvoiceListQuerySchema,
        response: { 200: InvoicePageSchema },
      },
      handler: async (req) => invoices.listInvoices(ctx, actorOf(req), req.query),
    });
    app.post('', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Draft an invoice by hand (a walk-in sale): lines from the price list, discounts',
        body: CreateInvoiceSchema,
        response: { 201: InvoiceSchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await invoices.createInvoice(ctx, principalOf(req), actorOf(req), req.body)),
    });
    app.post('/from-visit', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Draft the invoice of a visit or appointment; 200 with the one there is when it has one',
        body: DraftFromVisitSchema,
        response: { 200: DraftedInvoiceSchema, 201: DraftedInvoiceSchema },
      },
      handler: async (req, reply) => {
        const { created, ...drafted } = await draftFromVisit(ctx, principalOf(req), actorOf(req), req.body);
        return reply.status(created ? 201 : 200).send(drafted);
      },
    });
    app.get('/:id', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'An invoice with its lines; audited',
        params: IdParamsSchema,
        response: { 200: InvoiceSchema },
      },
      handler: async (req) => invoices.getInvoice(ctx, actorOf(req), req.params.id),
    });
    app.patch('/:id', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Change a draft’s lines, discount or notes (prices are those in force now)',
        params: IdParamsSchema,
        body: UpdateInvoiceSchema,
        response: { 200: InvoiceSchema },
      },
      handler: async (req) =>
        invoices.updateInvoice(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
    });
    app.delete('/:id', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Discard a draft (issued invoices are voided instead)',
        params: IdParamsSchema,
      },
      handler: async (req, reply) => {
        await invoices.discardDraft(ctx, actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    });
    app.post('/:id/issue', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Issue a draft: its number (INV-YYYY-NNNNNN, gap-free) and no more changes',
        params: IdParamsSchema,
        response: { 200: InvoiceSchema },
      },
      handler: async (req) => invoices.issueInvoice(ctx, actorOf(req), req.params.id),
    });
    app.get('/:id/pdf', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'The invoice as an A4 PDF with letterhead, tax by rate and payment history; audited',
        params: IdParamsSchema,
        querystring: DocumentLanguageSchema,
      },
      handler: async (req, reply) => {
        const { pdf, filename } = await invoiceDocument(ctx, actorOf(req), req.params.id, req.query.lang);
        return sendPdf(reply, pdf, filename);
      },
    });
    app.post('/:id/email', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Email the invoice PDF to the patient through the outbox (409 without an address)',
        params: IdParamsSchema,
        response: { 202: EmailedSchema },
      },
      handler: async (req, reply) =>
        reply.status(202).send(await emailInvoice(ctx, actorOf(req), req.params.id)),
    });
    app.get('/:id/refunds', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'The credit notes of an invoice, newest first; audited',
        params: IdParamsSchema,
        response: { 200: RefundListSchema },
      },
      handler: async (req) => {
        const invoice = await invoices.loadInvoice(ctx.db, req.params.id);
        return { items: await listInvoiceRefunds(ctx, actorOf(req), invoice.id, invoice.patientId) };
      },
    });
    app.get('/:id/claim', {
      config: { access: 'billing:read' },
      schema: {
        tags,
        summary: 'The claim to the payer for the invoice’s payer part; audited',
        params: IdParamsSchema,
        response: { 200: ClaimSchema },
      },
      handler: async (req) => {
        const invoice = await invoices.loadInvoice(ctx.db, req.params.id);
        return getClaim(ctx, actorOf(req), invoice.id, invoice.patientId);
      },
    });
    app.post('/:id/claim/status', {
      config: { access: 'invoices:write' },
      schema: {
        tags,
        summary: 'Move the claim on: submitted, approved (amount), denied, partially paid, paid',
        params: IdParamsSchema,
        body: UpdateClaimSchema,
        response: { 200: ClaimSchema },
      },
      handler: async (req) => updateClaim(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
    });
    app.post('/:id/void', {
      config: { access: 'invoices:void' },
      schema: {
        tags,
        summary: 'Void an issued invoice with nothing paid on it; it keeps its number',
        params: IdParamsSchema,
        body: VoidInvoiceSchema,
        response: { 200: InvoiceSchema },
      },
      handler: async (req) => invoices.voidInvoice(ctx, actorOf(req), req.params.id, req.body.reason),
    });
  };
}

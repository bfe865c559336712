import {
  BILLING_REPORT_SCHEMAS,
  BILLING_REPORTS,
  type BillingReportName,
  BillingReportQuerySchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../platform/http/route-access.ts';
import { exportReport, runReport } from './reports.service.ts';

const tags = ['billing'];

const SUMMARIES: Record<BillingReportName, string> = {
  revenue: 'Money received less refunds given, by day, week or month and by method',
  doctors:
    'Collected on each doctor’s lines by period: doctor’s share, clinic’s share and tax (share ledger)',
  services: 'Collected by price-list item (code and description), split into shares and tax',
  methods: 'Payments received and refunds given by payment method',
  payers: 'Collected on invoices by payer (insurer by name, null for self-pay)',
  ageing: 'What patients owe on invoices issued by `to`, in 0–30, 31–60, 61–90 and 90+ days; audited',
  discounts: 'Discounts on invoices issued in the period, by kind and by who granted them',
  refunds: 'Credit notes given in the period, with their total; audited',
  tax: 'Tax in what was collected, by the line’s tax rate',
};

/**
 * The revenue reports at /api/billing/reports/<name>: `from`/`to` are clinic-local days (inclusive, at most
 * three years apart); format=csv or format=pdf downloads the same table.
 */
export function billingReportsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const name of BILLING_REPORTS) {
      app.get(`/reports/${name}`, {
        config: { access: 'billing:reports' },
        schema: {
          tags,
          summary: `${SUMMARIES[name]}; format=csv|pdf to download`,
          querystring: BillingReportQuerySchema,
          response: { 200: BILLING_REPORT_SCHEMAS[name] },
        },
        handler: async (req, reply) => {
          const q = req.query;
          if (q.format === 'json') return runReport(ctx, actorOf(req), name, q);
          const file = await exportReport(ctx, actorOf(req), name, { ...q, format: q.format });
          return reply
            .type(file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .header('cache-control', 'private, no-store')
            .send(file.body as never); // a download: the JSON response schema does not apply
        },
      });
    }
  };
}

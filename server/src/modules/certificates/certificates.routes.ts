import {
  CertificateCreateSchema,
  CertificateInboxCountSchema,
  CertificateListQuerySchema,
  CertificateListSchema,
  CertificatePageSchema,
  CertificatePatchSchema,
  CertificatePatientParamsSchema,
  CertificateReasonSchema,
  CertificateSchema,
  IdParamsSchema,
  type Permission,
  VerificationQuerySchema,
} from '@carebase/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf, principalOf } from '../../platform/http/route-access.ts';
import { sendPdf } from '../../platform/pdf/pdf-reply.ts';
import { certificatePdf } from './certificate-print.service.ts';
import * as review from './certificate-review.service.ts';
import * as certificates from './certificates.service.ts';

const tags = ['certificates'];
/** Staff who handle certificates, or the patient for their own signed ones (checked in the service). */
const READ: readonly Permission[] = ['certificates:read', 'portal:self'];

/** Registered under /api. */
export function certificatesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/patients/:patientId/certificates', {
      config: { access: 'certificates:draft' },
      schema: {
        tags,
        summary: 'Draft a medical certificate for the patient',
        params: CertificatePatientParamsSchema,
        body: CertificateCreateSchema,
        response: { 201: CertificateSchema },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await certificates.createCertificate(ctx, actorOf(req), req.params.patientId, req.body)),
    });

    app.get('/patients/:patientId/certificates', {
      config: { access: READ },
      schema: {
        tags,
        summary: "The patient's certificates, newest first (a patient sees only signed ones)",
        params: CertificatePatientParamsSchema,
        response: { 200: CertificateListSchema },
      },
      handler: async (req) => ({
        items: await certificates.listPatientCertificates(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.patientId,
        ),
      }),
    });

    app.get('/certificates', {
      config: { access: 'certificates:read' },
      schema: {
        tags,
        summary: "Certificates across patients; status=submitted is the doctors' inbox (oldest first)",
        querystring: CertificateListQuerySchema,
        response: { 200: CertificatePageSchema },
      },
      handler: async (req) => certificates.listCertificates(ctx, principalOf(req), actorOf(req), req.query),
    });

    app.get('/certificates/inbox-count', {
      config: { access: 'certificates:approve' },
      schema: {
        tags,
        summary: 'How many certificates wait for approval (kept live by certificate.changed events)',
        response: { 200: CertificateInboxCountSchema },
      },
      handler: async (req) => certificates.inboxCount(ctx, principalOf(req)),
    });

    app.get('/certificates/:id', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'One certificate',
        params: IdParamsSchema,
        response: { 200: CertificateSchema },
      },
      handler: async (req) => certificates.getCertificate(ctx, principalOf(req), actorOf(req), req.params.id),
    });

    app.patch('/certificates/:id', {
      config: { access: 'certificates:draft' },
      schema: {
        tags,
        summary: 'Edit a draft (editing a rejected certificate puts it back to draft)',
        params: IdParamsSchema,
        body: CertificatePatchSchema,
        response: { 200: CertificateSchema },
      },
      handler: async (req) => certificates.updateCertificate(ctx, actorOf(req), req.params.id, req.body),
    });

    app.post('/certificates/:id/submit', {
      config: { access: 'certificates:draft' },
      schema: {
        tags,
        summary: 'Send a draft to the doctors for approval',
        params: IdParamsSchema,
        response: { 200: CertificateSchema },
      },
      handler: async (req) => certificates.submitCertificate(ctx, actorOf(req), req.params.id),
    });

    app.post('/certificates/:id/approve', {
      config: { access: 'certificates:approve' },
      schema: {
        tags,
        summary: 'Approve a submitted certificate (needs a licence number on your user record)',
        params: IdParamsSchema,
        response: { 200: CertificateSchema },
      },
      handler: async (req) => review.approveCertificate(ctx, actorOf(req), req.params.id),
    });

    app.post('/certificates/:id/reject', {
      config: { access: 'certificates:approve' },
      schema: {
        tags,
        summary: 'Reject a submitted certificate with a reason',
        params: IdParamsSchema,
        body: CertificateReasonSchema,
        response: { 200: CertificateSchema },
      },
      handler: async (req) => review.rejectCertificate(ctx, actorOf(req), req.params.id, req.body.reason),
    });

    app.post('/certificates/:id/revoke', {
      config: { access: 'certificates:approve' },
      schema: {
        tags,
        summary: 'Revoke an approved or issued certificate: the verify page then says it is not valid',
        params: IdParamsSchema,
        body: CertificateReasonSchema,
        response: { 200: CertificateSchema },
      },
      handler: async (req) => review.revokeCertificate(ctx, actorOf(req), req.params.id, req.body.reason),
    });

    app.get('/certificates/:id/pdf', {
      config: { access: READ },
      schema: {
        tags,
        summary: 'The signed PDF (approved or issued only); the first download marks it issued',
        params: IdParamsSchema,
        querystring: VerificationQuerySchema,
      },
      handler: async (req, reply) => {
        const { pdf, filename } = await certificatePdf(
          ctx,
          principalOf(req),
          actorOf(req),
          req.params.id,
          req.query.lang ?? 'en',
        );
        return sendPdf(reply, pdf, filename);
      },
    });
  };
}

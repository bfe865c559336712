import type { FastifyReply } from 'fastify';

/** Sends a generated PDF as a download; never cached, since it carries patient data. */
export function sendPdf(reply: FastifyReply, pdf: Buffer, filename: string): FastifyReply {
  const safeName = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${safeName}"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}

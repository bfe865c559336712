import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { loadLetterhead } from '../../platform/pdf/letterhead.ts';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import { renderCertificatePdf } from './certificate-pdf.ts';
import { ALLOWED_FROM, canDo } from './certificate-rules.ts';
import * as repo from './certificates.repository.ts';
import { certificateChanged, openCertificate } from './certificates.service.ts';

/** The signed PDF, for approved or issued certificates; the first download marks the certificate issued. */
export async function certificatePdf(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
  lang: PdfLanguage,
): Promise<{ pdf: Buffer; filename: string }> {
  const row = await openCertificate(ctx.db, principal, actor, id, 'certificate.pdf');
  if (!canDo('print', row.status)) {
    throw new AppError(
      'conflict',
      `The certificate is ${row.status}; only ${ALLOWED_FROM.print.join(' or ')} certificates can be printed.`,
    );
  }
  const pdf = await renderCertificatePdf({
    certificate: row,
    letterhead: await loadLetterhead(ctx),
    lang,
    publicUrl: ctx.config.publicUrl,
  });
  if (row.status === 'approved') {
    await ctx.db.transaction(async (tx) => {
      const locked = await repo.lockCertificate(tx, id);
      // Another download may have issued it meanwhile (or it was revoked): then nothing changes.
      if (locked?.status !== 'approved') return;
      await repo.updateCertificate(tx, id, {
        status: 'issued',
        issuedAt: new Date(),
        issuedBy: actor.actorId,
      });
      await writeAudit(tx, actor, {
        action: 'certificate.issue',
        resourceType: 'certificate',
        resourceId: id,
        patientId: row.patientId,
        details: { number: row.number },
      });
      await certificateChanged(tx, id);
    });
  }
  return { pdf, filename: `${row.number ?? 'certificate'}.pdf` };
}

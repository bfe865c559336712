import { type CertificateVerification, normalizeVerificationCode } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { initialsOf } from './certificate-rules.ts';
import * as repo from './certificates.repository.ts';

export type VerificationResult =
  | { found: true; facts: CertificateVerification; code: string; timeZone: string }
  | { found: false; clinicName: string };

/**
 * What the public may learn from a verification code: valid or revoked, type, issue date and the patient's
 * initials. An unknown or malformed code learns nothing but "not found". Lookups of real codes are audited.
 */
export async function verifyCode(
  ctx: AppContext,
  actor: ActorContext,
  raw: string,
): Promise<VerificationResult> {
  const { settings } = await ctx.settings.get(ctx.db);
  const code = normalizeVerificationCode(raw);
  const row = code ? await repo.findByVerificationCode(ctx.db, code) : undefined;
  if (!code || !row?.approvedAt || !['approved', 'issued', 'revoked'].includes(row.status)) {
    return { found: false, clinicName: settings.clinicName };
  }
  await writeAudit(ctx.db, actor, {
    action: 'certificate.verify',
    resourceType: 'certificate',
    resourceId: row.id,
    patientId: row.patientId,
    details: { status: row.status },
  });
  const revoked = row.status === 'revoked';
  return {
    found: true,
    code,
    timeZone: settings.timeZone,
    facts: {
      valid: !revoked,
      status: revoked ? 'revoked' : 'valid',
      type: row.type,
      issuedAt: row.approvedAt.toISOString(),
      patientInitials: initialsOf(row.patient),
      clinicName: settings.clinicName,
    },
  };
}

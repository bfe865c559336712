import { type Certificate, formatVerificationCode } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDay } from '../../platform/pdf/pdf-text.ts';
import { readSystemSettings } from '../settings/settings.service.ts';
import { findUserById } from '../users/users.repository.ts';
import { certificateNumber, newVerificationCode } from './certificate-rules.ts';
import { CERTIFICATE_WORDS } from './certificate-words.ts';
import * as repo from './certificates.repository.ts';
import { certificateChanged, lockFor, viewOf } from './certificates.service.ts';

/** The year in the clinic's time zone: a certificate approved on 31 December evening belongs to that year. */
function clinicYear(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(at));
}

async function uniqueVerificationCode(tx: Executor): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newVerificationCode();
    if (!(await repo.verificationCodeTaken(tx, code))) return code;
  }
  throw new Error('could not find a free verification code');
}

/** Tells the patient (when they have an email) in the same transaction, through the outbox. */
async function emailPatient(ctx: AppContext, tx: Executor, id: string, kind: 'approved' | 'rejected') {
  const view = await repo.findCertificate(tx, id);
  if (!view?.patient.email) return;
  const { settings } = await readSystemSettings(tx);
  const clinic = settings.clinicName;
  const type = CERTIFICATE_WORDS.en.types[view.type].toLowerCase();
  const hello = `Dear ${view.patient.givenName},`;
  if (kind === 'approved' && view.number && view.verificationCode && view.approvedAt) {
    const url = `${ctx.config.publicUrl}/verify/${formatVerificationCode(view.verificationCode)}`;
    await ctx.outbox.queueEmail(tx, {
      to: view.patient.email,
      subject: `${clinic}: your medical certificate ${view.number} is ready`,
      text: [
        hello,
        '',
        `Your ${type} (${view.number}) was approved on ${formatDay(view.approvedAt, settings.timeZone, 'en')} by ${view.approverName}.`,
        'Ask the clinic for the signed PDF. Anyone you give it to can check that it is genuine at:',
        url,
        '',
        clinic,
      ].join('\n'),
    });
  } else if (kind === 'rejected') {
    await ctx.outbox.queueEmail(tx, {
      to: view.patient.email,
      subject: `${clinic}: your medical certificate request was not approved`,
      text: [
        hello,
        '',
        `The doctor did not approve your ${type} request, for this reason:`,
        view.rejectionReason ?? '',
        '',
        'The clinic will correct it and submit it again, or contact you.',
        '',
        clinic,
      ].join('\n'),
    });
  }
}

/**
 * A doctor approves a submitted certificate: it gets its number (sequential in the year) and verification
 * code, and records the doctor's name and licence as they are now. A doctor without a licence number
 * cannot approve, nor can the doctor who drafted it when the clinic asks for a second doctor.
 */
export async function approveCertificate(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
): Promise<Certificate> {
  return ctx.db.transaction(async (tx) => {
    const doctor = actor.actorId ? await findUserById(tx, actor.actorId) : undefined;
    if (!doctor) throw new AppError('forbidden', 'Only a signed-in doctor can approve a certificate.');
    const licence = doctor.licenceNumber?.trim();
    if (!licence) {
      throw new AppError(
        'conflict',
        'Your user record has no licence number, which is printed on the certificate: ask an administrator to add it, then approve.',
      );
    }
    const before = await lockFor(tx, id, 'approve');
    const { settings } = await readSystemSettings(tx);
    if (!settings.certificates.selfApprovalAllowed && before.createdBy === doctor.id) {
      throw new AppError(
        'second_approver_required',
        'You drafted this certificate, and this clinic requires another doctor to approve it (Clinic settings, Medical certificates).',
      );
    }
    const now = new Date();
    const year = clinicYear(now, settings.timeZone);
    const number = certificateNumber(year, await repo.nextCertificateSerial(tx, year));
    const code = await uniqueVerificationCode(tx);
    await repo.updateCertificate(tx, id, {
      status: 'approved',
      number,
      verificationCode: code,
      approvedAt: now,
      approvedBy: doctor.id,
      approverName: doctor.name,
      approverLicence: licence,
      rejectionReason: null,
    });
    await writeAudit(tx, actor, {
      action: 'certificate.approve',
      resourceType: 'certificate',
      resourceId: id,
      patientId: before.patientId,
      details: { number, licenceNumber: licence },
    });
    await emailPatient(ctx, tx, id, 'approved');
    await certificateChanged(tx, id);
    return viewOf(ctx, tx, id);
  });
}

export async function rejectCertificate(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  reason: string,
): Promise<Certificate> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockFor(tx, id, 'reject');
    await repo.updateCertificate(tx, id, {
      status: 'rejected',
      rejectionReason: reason,
      rejectedAt: new Date(),
      rejectedBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'certificate.reject',
      resourceType: 'certificate',
      resourceId: id,
      patientId: before.patientId,
      details: { reason },
    });
    await emailPatient(ctx, tx, id, 'rejected');
    await certificateChanged(tx, id);
    return viewOf(ctx, tx, id);
  });
}

/** Withdraws a signed certificate: the verify page then says it is not valid. */
export async function revokeCertificate(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  reason: string,
): Promise<Certificate> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockFor(tx, id, 'revoke');
    await repo.updateCertificate(tx, id, {
      status: 'revoked',
      revocationReason: reason,
      revokedAt: new Date(),
      revokedBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'certificate.revoke',
      resourceType: 'certificate',
      resourceId: id,
      patientId: before.patientId,
      details: { reason, number: before.number },
    });
    await certificateChanged(tx, id);
    return viewOf(ctx, tx, id);
  });
}

import {
  CERTIFICATE_CHANGED_EVENT,
  type Certificate,
  type CertificateCreate,
  type CertificateListQuerySchema,
  type CertificatePatch,
  type CertificateStatus,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import {
  type ActorContext,
  patientIdsOf,
  writeAudit,
  writeReadAudit,
} from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { findPatientRef, openPatientRecord } from '../patients/patient-access.ts';
import { staffNames, toCertificate } from './certificate-mappers.ts';
import { ALLOWED_FROM, type CertificateAction, canDo, checkCertificateFields } from './certificate-rules.ts';
import * as repo from './certificates.repository.ts';

/** What a patient sees of their own certificates through the portal: only signed ones. */
const PORTAL_STATUSES: readonly CertificateStatus[] = ['approved', 'issued', 'revoked'];

function isPortalOnly(principal: Principal): boolean {
  return !principal.permissions.includes('certificates:read');
}

export async function certificateChanged(executor: Executor, id: string): Promise<void> {
  // The doctors' inbox badge listens with certificates:approve; drafters' lists with certificates:read.
  for (const permission of ['certificates:approve', 'certificates:read'] as const) {
    await publishEvent(executor, { type: CERTIFICATE_CHANGED_EVENT, permission, resourceId: id });
  }
}

/** Loads and locks the certificate for a workflow step, or answers 404 / 409. */
export async function lockFor(
  tx: Executor,
  id: string,
  action: CertificateAction,
): Promise<repo.CertificateRow> {
  const row = await repo.lockCertificate(tx, id);
  if (!row) throw new AppError('not_found', `certificate ${id} not found`);
  if (!canDo(action, row.status)) {
    throw new AppError(
      'conflict',
      `The certificate is ${row.status}; to ${action} it, it must be ${ALLOWED_FROM[action].join(' or ')}.`,
    );
  }
  return row;
}

export async function viewOf(ctx: AppContext, db: Executor, id: string): Promise<Certificate> {
  const row = await repo.findCertificate(db, id);
  if (!row) throw new AppError('not_found', `certificate ${id} not found`);
  return toCertificate(row, await staffNames(db, [row]), ctx.config.publicUrl);
}

/** Reads one certificate after the patient-record check (audited); portal users see only signed ones. */
export async function openCertificate(
  db: Executor,
  principal: Principal,
  actor: ActorContext,
  id: string,
  what: string,
): Promise<repo.CertificateWithPatient> {
  const row = await repo.findCertificate(db, id);
  if (!row) throw new AppError('not_found', `certificate ${id} not found`);
  await openPatientRecord(db, principal, actor, row.patientId, 'demographics', what);
  if (isPortalOnly(principal) && !PORTAL_STATUSES.includes(row.status)) {
    throw new AppError('not_found', `certificate ${id} not found`);
  }
  return row;
}

export async function getCertificate(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
): Promise<Certificate> {
  const row = await openCertificate(ctx.db, principal, actor, id, 'certificate');
  return toCertificate(row, await staffNames(ctx.db, [row]), ctx.config.publicUrl);
}

export async function createCertificate(
  ctx: AppContext,
  actor: ActorContext,
  patientId: string,
  input: CertificateCreate,
): Promise<Certificate> {
  const fields = {
    type: input.type,
    title: input.title ?? null,
    findings: input.findings,
    recommendation: input.recommendation ?? null,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
  };
  checkCertificateFields(fields);
  return ctx.db.transaction(async (tx) => {
    // Held until commit, so a merge of this record cannot slip in between the check and the insert.
    const patient = await findPatientRef(tx, patientId, { lock: true });
    if (patient.mergedIntoId) {
      throw new AppError(
        'conflict',
        `This record was merged into another (${patient.mergedIntoId}); write there.`,
      );
    }
    const row = await repo.insertCertificate(tx, {
      ...fields,
      patientId: patient.id,
      createdBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'certificate.create',
      resourceType: 'certificate',
      resourceId: row.id,
      patientId: patient.id,
      details: { type: row.type },
    });
    await certificateChanged(tx, row.id);
    return viewOf(ctx, tx, row.id);
  });
}

/** Edits a draft; editing a rejected certificate puts it back to draft for correction. */
export async function updateCertificate(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  patch: CertificatePatch,
): Promise<Certificate> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockFor(tx, id, 'edit');
    const merged = {
      type: patch.type ?? before.type,
      title: patch.title === undefined ? before.title : patch.title,
      validFrom: patch.validFrom === undefined ? before.validFrom : patch.validFrom,
      validTo: patch.validTo === undefined ? before.validTo : patch.validTo,
    };
    checkCertificateFields(merged);
    await repo.updateCertificate(tx, id, { ...patch, status: 'draft' });
    await writeAudit(tx, actor, {
      action: 'certificate.update',
      resourceType: 'certificate',
      resourceId: id,
      patientId: before.patientId,
      details: {
        changed: Object.keys(patch),
        ...(before.status === 'rejected' ? { reopenedFrom: 'rejected' } : {}),
      },
    });
    await certificateChanged(tx, id);
    return viewOf(ctx, tx, id);
  });
}

export async function submitCertificate(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
): Promise<Certificate> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockFor(tx, id, 'submit');
    await repo.updateCertificate(tx, id, {
      status: 'submitted',
      submittedAt: new Date(),
      submittedBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'certificate.submit',
      resourceType: 'certificate',
      resourceId: id,
      patientId: before.patientId,
    });
    await certificateChanged(tx, id);
    return viewOf(ctx, tx, id);
  });
}

export async function listPatientCertificates(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
): Promise<Certificate[]> {
  const patient = await openPatientRecord(
    ctx.db,
    principal,
    actor,
    patientId,
    'demographics',
    'certificates',
  );
  const rows = await repo.certificatesOfPatient(
    ctx.db,
    patient.id,
    isPortalOnly(principal) ? PORTAL_STATUSES : undefined,
  );
  const people = await staffNames(ctx.db, rows);
  return rows.map((r) => toCertificate(r, people, ctx.config.publicUrl));
}

/** Certificates across patients (the doctors' inbox with status=submitted); the read is audited with who was listed. */
export async function listCertificates(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  query: z.infer<typeof CertificateListQuerySchema>,
) {
  const notDraftedBy = query.approvable === 'true' ? await ownDraftsBarred(ctx, principal) : undefined;
  const { rows, total } = await repo.listCertificates(ctx.db, { ...query, notDraftedBy });
  await writeReadAudit(ctx.db, actor, {
    action: 'certificates.list.read',
    resourceType: 'certificate',
    details: {
      status: query.status ?? null,
      type: query.type ?? null,
      page: query.page,
      patientIds: patientIdsOf(rows),
    },
  });
  const people = await staffNames(ctx.db, rows);
  return {
    items: rows.map((r) => toCertificate(r, people, ctx.config.publicUrl)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The certificates waiting for this doctor: all submitted ones, less their own drafts if they may not approve those. */
export async function inboxCount(ctx: AppContext, principal: Principal): Promise<{ count: number }> {
  const notDraftedBy = await ownDraftsBarred(ctx, principal);
  return { count: await repo.countCertificates(ctx.db, 'submitted', { notDraftedBy }) };
}

/** The caller's id when the clinic requires a second doctor to approve what the caller drafted. */
async function ownDraftsBarred(ctx: AppContext, principal: Principal): Promise<string | undefined> {
  const { settings } = await ctx.settings.get(ctx.db);
  return settings.certificates.selfApprovalAllowed ? undefined : principal.userId;
}

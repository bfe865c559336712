import {
  ATTACHMENT_CONTENT_TYPES,
  type Attachment,
  type AttachmentContentType,
  type UploadAttachmentQuerySchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import {
  checkRawUpload,
  type RawUpload,
  type RawUploadRules,
  storeRawUpload,
} from '../../platform/files/raw-upload.ts';
import { publishChartChanged } from '../encounters/chart-write.ts';
import { encounterOfPatient, isPortalView } from '../encounters/encounter-guard.ts';
import { findEncounter, userNames } from '../encounters/encounters.repository.ts';
import { openChartForWrite, openPatientRecord } from '../patients/patient-access.ts';
import * as repo from './attachments.repository.ts';

function toAttachment(r: repo.AttachmentRow, names: Map<string, string>): Attachment {
  return {
    id: r.id,
    patientId: r.patientId,
    encounterId: r.encounterId,
    kind: r.kind,
    filename: r.filename,
    contentType: r.contentType,
    size: r.size,
    sha256: r.sha256,
    uploadedBy: r.uploadedBy,
    uploadedByName: r.uploadedBy ? (names.get(r.uploadedBy) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  };
}

async function withNames(db: Executor, rows: repo.AttachmentRow[]): Promise<Attachment[]> {
  const names = await userNames(
    db,
    rows.map((r) => r.uploadedBy),
  );
  return rows.map((r) => toAttachment(r, names));
}

/** What an attachment may be: the limit is the clinic's (`ATTACHMENT_MAX_MB`). */
export function uploadRules(
  config: Pick<Config, 'attachmentMaxBytes'>,
): RawUploadRules<AttachmentContentType> {
  return { accepted: ATTACHMENT_CONTENT_TYPES, maxBytes: config.attachmentMaxBytes, purpose: 'attachments' };
}

/** Checks the start of the body before anything is stored: its real type (by signature) must be allowed and match the header. */
export function checkUpload(
  ctx: AppContext,
  body: unknown,
  declaredType: string | undefined,
): Promise<RawUpload<AttachmentContentType>> {
  return checkRawUpload(body, declaredType, uploadRules(ctx.config));
}

export async function uploadAttachment(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  q: z.infer<typeof UploadAttachmentQuerySchema>,
  upload: RawUpload<AttachmentContentType>,
): Promise<Attachment> {
  const allowed = async (ex: Executor) => {
    await openChartForWrite(ex, principal, patientId);
    if (q.encounterId) await encounterOfPatient(ex, patientId, q.encounterId, 'query.encounterId');
  };
  // Checked before the file is received and again with it; the file streams in outside the transaction, so
  // a large one holds no connection (a blob no row names is collected later).
  await allowed(ctx.db);
  const blob = await storeRawUpload(ctx.blobs, ctx.db, upload, uploadRules(ctx.config));
  return ctx.db.transaction(async (tx) => {
    await allowed(tx);
    const row = await repo.insertAttachment(tx, {
      patientId,
      encounterId: q.encounterId ?? null,
      kind: q.kind,
      filename: q.filename,
      contentType: upload.type,
      size: blob.size,
      sha256: blob.sha256,
      uploadedBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'attachment.upload',
      resourceType: 'attachment',
      resourceId: row.id,
      patientId,
      details: { filename: row.filename, contentType: row.contentType, size: row.size, sha256: blob.sha256 },
    });
    await publishChartChanged(tx, patientId);
    const [result] = await withNames(tx, [row]);
    if (!result) throw new Error('mapping lost the row');
    return result;
  });
}

export async function listAttachments(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
): Promise<Attachment[]> {
  await openPatientRecord(ctx.db, principal, actor, patientId, 'chart', 'attachments');
  const rows = await repo.attachmentsOfPatient(ctx.db, patientId, { withoutDrafts: isPortalView(principal) });
  return withNames(ctx.db, rows);
}

/** The attachment whose content is asked for, after the access check; the read is audited. */
export async function openAttachmentContent(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
): Promise<Attachment> {
  const row = await repo.findAttachment(ctx.db, id);
  if (!row) throw new AppError('not_found', `attachment ${id} not found`);
  await openPatientRecord(ctx.db, principal, actor, row.patientId, 'chart', 'attachment');
  if (isPortalView(principal) && row.encounterId) {
    const encounter = await findEncounter(ctx.db, row.encounterId);
    if (encounter?.status !== 'signed') throw new AppError('not_found', `attachment ${id} not found`);
  }
  await writeReadAudit(ctx.db, actor, {
    action: 'attachment.content.read',
    resourceType: 'attachment',
    resourceId: row.id,
    patientId: row.patientId,
    details: { filename: row.filename, sha256: row.sha256 },
  });
  const [attachment] = await withNames(ctx.db, [row]);
  if (!attachment) throw new Error('mapping lost the row');
  return attachment;
}

/** Internal: files linked to an encounter, for the encounter view (its caller checked access). */
export async function attachmentsOfEncounter(db: Executor, encounterId: string): Promise<Attachment[]> {
  return withNames(db, await repo.attachmentsOfEncounter(db, encounterId));
}

import {
  PATIENT_CHANGED_EVENT,
  type Patient,
  PHOTO_CONTENT_TYPES,
  PHOTO_MAX_BYTES,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { checkRawUpload, type RawUploadRules, storeRawUpload } from '../../platform/files/raw-upload.ts';
import { openPatientRecord } from './patient-access.ts';
import * as repo from './patients.repository.ts';
import { loadPatient } from './patients.service.ts';

type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

export const PHOTO_UPLOAD_RULES: RawUploadRules<PhotoContentType> = {
  accepted: PHOTO_CONTENT_TYPES,
  maxBytes: PHOTO_MAX_BYTES,
  purpose: 'patient photos',
};

async function lockForEdit(tx: Tx, id: string): Promise<repo.PatientRow> {
  const [row] = await repo.lockPatientRows(tx, [id]);
  if (!row) throw new AppError('not_found', `patient ${id} not found`);
  if (row.mergedIntoId) throw new AppError('conflict', `This record was merged into ${row.mergedIntoId}.`);
  return row;
}

/** Sets the photo from the raw body (bytes or the request stream), checked by its signature before it is kept. */
export async function setPhoto(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  body: unknown,
  declaredType: string | undefined,
): Promise<Patient> {
  const upload = await checkRawUpload(body, declaredType, PHOTO_UPLOAD_RULES);
  const blob = await storeRawUpload(ctx.blobs, ctx.db, upload, PHOTO_UPLOAD_RULES);
  return ctx.db.transaction(async (tx) => {
    await lockForEdit(tx, id);
    await repo.updatePatientRow(tx, id, { photoSha256: blob.sha256 });
    await writeAudit(tx, actor, {
      action: 'patient.photo.update',
      resourceType: 'patient',
      resourceId: id,
      patientId: id,
      details: { sha256: blob.sha256, size: blob.size, contentType: upload.type },
    });
    await publishEvent(tx, { type: PATIENT_CHANGED_EVENT, permission: 'patients:read', resourceId: id });
    return loadPatient(tx, id);
  });
}

export async function removePhoto(ctx: AppContext, actor: ActorContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await lockForEdit(tx, id);
    if (!row.photoSha256) throw new AppError('not_found', 'This patient has no photo.');
    await repo.updatePatientRow(tx, id, { photoSha256: null });
    await writeAudit(tx, actor, {
      action: 'patient.photo.remove',
      resourceType: 'patient',
      resourceId: id,
      patientId: id,
      details: { sha256: row.photoSha256 },
    });
    await publishEvent(tx, { type: PATIENT_CHANGED_EVENT, permission: 'patients:read', resourceId: id });
  });
}

/** The photo's blob and its type, after the access check (the read is audited). */
export async function openPhoto(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
): Promise<{ sha256: string; contentType: string }> {
  await openPatientRecord(ctx.db, principal, actor, id, 'demographics', 'patient.photo');
  const row = await repo.findPatientRow(ctx.db, id);
  if (!row?.photoSha256) throw new AppError('not_found', 'This patient has no photo.');
  const blob = await ctx.blobs.describe(ctx.db, row.photoSha256);
  return { sha256: row.photoSha256, contentType: blob?.contentType ?? 'application/octet-stream' };
}

import { PATIENT_CHANGED_EVENT, type Patient } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { sniffContentType } from '../../platform/files/file-type.ts';
import { openPatientRecord } from './patient-access.ts';
import * as repo from './patients.repository.ts';
import { loadPatient } from './patients.service.ts';

/** The image type the bytes really are (by their signature), whatever the request claimed. */
function sniffImageType(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  const type = sniffContentType(bytes);
  return type === 'image/jpeg' || type === 'image/png' ? type : null;
}

async function lockForEdit(tx: Tx, id: string): Promise<repo.PatientRow> {
  const [row] = await repo.lockPatientRows(tx, [id]);
  if (!row) throw new AppError('not_found', `patient ${id} not found`);
  if (row.mergedIntoId) throw new AppError('conflict', `This record was merged into ${row.mergedIntoId}.`);
  return row;
}

export async function setPhoto(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  bytes: Buffer,
  declaredType: string,
): Promise<Patient> {
  const type = sniffImageType(bytes);
  if (!type || type !== declaredType.split(';')[0]?.trim().toLowerCase()) {
    throw new AppError(
      'unsupported_media_type',
      'The photo must be a JPEG or PNG image, sent with its own type.',
    );
  }
  return ctx.db.transaction(async (tx) => {
    await lockForEdit(tx, id);
    const sha256 = await ctx.blobs.put(tx, bytes, type);
    await repo.updatePatientRow(tx, id, { photoSha256: sha256 });
    await writeAudit(tx, actor, {
      action: 'patient.photo.update',
      resourceType: 'patient',
      resourceId: id,
      patientId: id,
      details: { sha256, size: bytes.length, contentType: type },
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

export async function getPhoto(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  await openPatientRecord(ctx.db, principal, actor, id, 'demographics', 'patient.photo');
  const row = await repo.findPatientRow(ctx.db, id);
  if (!row?.photoSha256) throw new AppError('not_found', 'This patient has no photo.');
  const bytes = await ctx.blobs.get(row.photoSha256);
  return { bytes, contentType: sniffImageType(bytes) ?? 'application/octet-stream' };
}

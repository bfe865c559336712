import {
  EVENT_TYPES,
  type ImagingStudy,
  type ImagingStudyDetail,
  type ImagingStudyList,
  type ImagingStudyQuery,
  type LinkStudy,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { openPatientRecord } from '../patients/patient-access.ts';
import { findPatientByIdentifier, patientLabels, suggestPatients } from '../patients/patient-lookup.ts';
import * as repo from './imaging-studies.repository.ts';
import { rewritePatientInStudy } from './patient-rewrite.service.ts';

function isoDate(dicom: string): string | null {
  return /^\d{8}$/.test(dicom) ? `${dicom.slice(0, 4)}-${dicom.slice(4, 6)}-${dicom.slice(6, 8)}` : null;
}

async function toStudies(db: Executor, rows: repo.StudyRow[]): Promise<ImagingStudy[]> {
  const labels = await patientLabels(
    db,
    rows.flatMap((r) => (r.patientId ? [r.patientId] : [])),
  );
  return rows.map(({ modalities, ...r }) => {
    const label = r.patientId ? labels.get(r.patientId) : undefined;
    return {
      ...r,
      modalities: modalities ? modalities.split('\\') : [],
      patientName: label?.name ?? null,
      mrn: label?.mrn ?? null,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
    };
  });
}

const patientIdsOfRows = (rows: readonly repo.StudyRow[]) => [
  ...new Set(rows.flatMap((r) => (r.patientId ? [r.patientId] : []))),
];

/** The study list of the imaging pages; the read is audited with the patients it showed. */
export async function listStudies(
  ctx: AppContext,
  actor: ActorContext,
  query: ImagingStudyQuery,
): Promise<ImagingStudyList> {
  const byMrn = query.q ? await findPatientByIdentifier(ctx.db, 'mrn', query.q) : null;
  const { rows, total } = await repo.listStudies(ctx.db, query, byMrn ? [byMrn] : []);
  await writeReadAudit(ctx.db, actor, {
    action: 'imaging.studies.read',
    resourceType: 'imaging-study',
    details: { query, patientIds: patientIdsOfRows(rows) },
  });
  return { items: await toStudies(ctx.db, rows), total };
}

/** A patient's studies, for the chart: the chart's access rule decides, and the read is audited like the rest. */
export async function listPatientStudies(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
): Promise<ImagingStudyList> {
  await openPatientRecord(ctx.db, principal, actor, patientId, 'chart', 'imaging');
  const { rows, total } = await repo.listStudies(ctx.db, { patientId, limit: 200, offset: 0 }, []);
  return { items: await toStudies(ctx.db, rows), total };
}

async function studyOr404(db: Executor, id: string) {
  const row = await repo.findStudy(db, id);
  if (!row) throw new AppError('not_found', `imaging study ${id} not found`);
  return row;
}

export async function getStudy(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
): Promise<ImagingStudyDetail> {
  const row = await studyOr404(ctx.db, id);
  await writeReadAudit(ctx.db, actor, {
    action: 'imaging.study.read',
    resourceType: 'imaging-study',
    resourceId: id,
    patientId: row.patientId,
  });
  const [[study], series] = await Promise.all([toStudies(ctx.db, [row]), repo.seriesOfStudy(ctx.db, id)]);
  if (!study) throw new Error('mapping lost the study');
  const suggestions =
    row.link === 'unmatched'
      ? await suggestPatients(ctx.db, row.dicomPatientName.replaceAll('^', ' '), isoDate(row.dicomBirthDate))
      : [];
  return { ...study, series, suggestions };
}

/** Links a study to a patient (reconciliation), optionally writing the patient into the stored files. */
export async function linkStudy(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  body: LinkStudy,
): Promise<ImagingStudy> {
  const linked = await ctx.db.transaction(async (tx) => {
    const study = await repo.lockStudy(tx, id);
    if (!study) throw new AppError('not_found', `imaging study ${id} not found`);
    const [label] = (await patientLabels(tx, [body.patientId])).values();
    if (!label)
      throw new AppError('bad_request', `patient ${body.patientId} not found`, {
        fields: [{ path: 'patientId', message: 'is not a patient' }],
      });
    await repo.setStudyPatient(tx, id, body.patientId);
    await writeAudit(tx, actor, {
      action: 'imaging.study.link',
      resourceType: 'imaging-study',
      resourceId: id,
      patientId: body.patientId,
      details: { studyUid: study.studyUid, previousPatientId: study.patientId, rewrite: body.rewrite },
    });
    await publishEvent(tx, { type: EVENT_TYPES.imagingChanged, permission: 'imaging:read', resourceId: id });
    return { study, label };
  });
  if (body.rewrite)
    await rewritePatientInStudy(ctx, actor, id, {
      patientId: linked.label.mrn,
      patientName: linked.label.name,
    });
  const row = await studyOr404(ctx.db, id);
  const [study] = await toStudies(ctx.db, [row]);
  if (!study) throw new Error('mapping lost the study');
  return study;
}

export async function deleteStudy(ctx: AppContext, actor: ActorContext, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const study = await repo.lockStudy(tx, id);
    if (!study) throw new AppError('not_found', `imaging study ${id} not found`);
    await repo.deleteStudy(tx, id);
    await writeAudit(tx, actor, {
      action: 'imaging.study.delete',
      resourceType: 'imaging-study',
      resourceId: id,
      patientId: study.patientId,
      details: { studyUid: study.studyUid, reason },
    });
    await publishEvent(tx, { type: EVENT_TYPES.imagingChanged, permission: 'imaging:read', resourceId: id });
  });
}

export async function deleteSeries(ctx: AppContext, actor: ActorContext, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const series = await repo.lockSeries(tx, id);
    if (!series) throw new AppError('not_found', `imaging series ${id} not found`);
    const studyGone = await repo.deleteSeries(tx, id, series.studyId);
    await writeAudit(tx, actor, {
      action: 'imaging.series.delete',
      resourceType: 'imaging-series',
      resourceId: id,
      patientId: series.patientId,
      details: { studyUid: series.studyUid, seriesUid: series.seriesUid, reason, studyDeleted: studyGone },
    });
    await publishEvent(tx, {
      type: EVENT_TYPES.imagingChanged,
      permission: 'imaging:read',
      resourceId: series.studyId,
    });
  });
}

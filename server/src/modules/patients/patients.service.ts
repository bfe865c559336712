import {
  type CreatePatientInput,
  formatMrn,
  PATIENT_CHANGED_EVENT,
  type Patient,
  type UpdatePatientInput,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { auditedRead } from '../../platform/audit/audited-read.ts';
import { type Executor, uniqueViolation } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { localDateOf } from '../scheduling/zoned-time.ts';
import { getUser } from '../users/users.service.ts';
import { auditRecordRead, readsAnyPatient } from './patient-access.ts';
import { duplicateCandidates } from './patient-duplicates.service.ts';
import { type NameParts, searchNameOf, sortNameOf } from './patient-names.ts';
import { normalizeContactPhones } from './patient-phone-fields.ts';
import { type PatientParts, toPatient } from './patients.mapper.ts';
import * as repo from './patients.repository.ts';

/** The parts of a patient whose row the caller holds (read again with them, in one statement). */
export async function loadPatientParts(db: Executor, row: repo.PatientRow): Promise<PatientParts> {
  const parts = await repo.findPatientWithParts(db, row.id);
  if (!parts) throw new AppError('not_found', `patient ${row.id} not found`);
  return parts;
}

/** The full record, without access check or audit: callers have done both. */
export async function loadPatient(db: Executor, id: string): Promise<Patient> {
  const parts = await repo.findPatientWithParts(db, id);
  if (!parts) throw new AppError('not_found', `patient ${id} not found`);
  return toPatient(parts);
}

/**
 * One patient's record. Staff who may read any record get it and its audit event in one statement; anyone
 * else (a patient reading their own) in two: the read, then the access check and its event, before any data
 * leaves.
 */
export async function getPatient(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
): Promise<Patient> {
  if (readsAnyPatient(principal, 'demographics')) {
    const event = { action: 'patient.read', resourceType: 'patient', resourceId: id, patientId: id };
    const [record] = await auditedRead<repo.PatientRecordRow>(ctx.db, actor, repo.patientRecordQuery(id), {
      ...event,
      onlyIfFound: true,
      prepare: true,
    });
    if (!record) throw new AppError('not_found', `patient ${id} not found`);
    return toPatient(repo.partsOfRecord(record));
  }
  const parts = await repo.findPatientWithParts(ctx.db, id);
  if (!parts) throw new AppError('not_found', `patient ${id} not found`);
  await auditRecordRead(ctx.db, principal, actor, parts.row, 'demographics', 'patient');
  return toPatient(parts);
}

/** The record linked to the signed-in patient's account (portal:self), audited as a read like getPatient. */
export async function getOwnPatient(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
): Promise<Patient> {
  if (!principal.permissions.includes('portal:self'))
    throw new AppError('forbidden', 'This needs the portal:self permission.');
  const id = await repo.findPatientIdByUser(ctx.db, principal.userId);
  if (!id) throw new AppError('not_found', 'No patient record is linked to this account.');
  return getPatient(ctx, principal, actor, id);
}

function clinicYear(timeZone: string): number {
  return Number(localDateOf(new Date(), timeZone).slice(0, 4));
}

function assertDistinctIdentifiers(list: repo.IdentifierInput[]): void {
  const seen = new Set<string>();
  list.forEach((i, n) => {
    const key = `${i.type}\u0000${i.value}`;
    if (seen.has(key)) throw fieldError(`body.identifiers.${n}.value`, 'is listed twice');
    seen.add(key);
  });
}

async function assertIdentifiersFree(
  db: Executor,
  list: repo.IdentifierInput[],
  patientId?: string,
): Promise<void> {
  const taken = await repo.identifiersTaken(db, list, patientId);
  if (taken.length === 0) return;
  const fields = list.flatMap((i, n) =>
    taken.some((t) => t.type === i.type && t.value === i.value)
      ? [
          {
            path: `body.identifiers.${n}.value`,
            message: `this ${i.type} identifier belongs to another patient`,
          },
        ]
      : [],
  );
  throw new AppError('conflict', fields.map((f) => `${f.path} ${f.message}`).join('; '), { fields });
}

/** Two requests raced past the checks above: the same answers the checks give. */
function uniqueRace(err: unknown): never {
  const constraint = uniqueViolation(err);
  if (constraint === 'patient_identifiers_type_value_idx') {
    throw new AppError('conflict', 'An identifier was just registered to another patient.', {
      fields: [{ path: 'body.identifiers', message: 'an identifier belongs to another patient' }],
    });
  }
  if (constraint === 'patients_user_idx') {
    throw new AppError('conflict', 'That account was just linked to another patient.', {
      fields: [{ path: 'body.userId', message: 'is linked to another patient' }],
    });
  }
  throw err;
}

export async function createPatient(
  ctx: AppContext,
  actor: ActorContext,
  input: CreatePatientInput,
): Promise<Patient> {
  const { settings } = await ctx.settings.get(ctx.db);
  const contacts = normalizeContactPhones(input, settings.defaultPhoneRegion);
  assertDistinctIdentifiers(input.identifiers);
  return ctx.db
    .transaction(async (tx) => {
      await assertIdentifiersFree(tx, input.identifiers);
      const candidates = await duplicateCandidates(tx, {
        givenName: input.givenName,
        familyName: input.familyName,
        birthDate: input.birthDate,
        phones: [contacts.phone, contacts.altPhone].filter((p): p is string => Boolean(p)),
      });
      if (candidates.length && !input.confirmDuplicate) {
        const mrns = candidates.map((c) => c.mrn).join(', ');
        throw new AppError(
          'conflict',
          `Possible duplicate of ${mrns}: check these records, or send confirmDuplicate: true to register anyway.`,
        );
      }
      const seq = await repo.nextMrnNumber(tx);
      const mrn = formatMrn(settings.mrnFormat, seq, clinicYear(settings.timeZone));
      const {
        identifiers,
        allergies,
        conditions,
        confirmDuplicate: _confirm,
        phone: _phone,
        altPhone: _altPhone,
        emergencyContacts: _contacts,
        ...fields
      } = input;
      const row = await repo.insertPatient(tx, {
        ...fields,
        ...contacts,
        mrn,
        searchName: searchNameOf(input),
        sortName: sortNameOf(input),
        createdBy: actor.actorId,
      });
      await repo.insertIdentifiers(tx, row.id, identifiers);
      const recordedBy = actor.actorId;
      await repo.insertAllergies(
        tx,
        allergies.map((a) => ({ ...a, patientId: row.id, recordedBy })),
      );
      await repo.insertConditions(
        tx,
        conditions.map((c) => ({ ...c, patientId: row.id, recordedBy })),
      );
      await writeAudit(tx, actor, {
        action: 'patient.create',
        resourceType: 'patient',
        resourceId: row.id,
        patientId: row.id,
        details: {
          mrn,
          ...(candidates.length
            ? {
                duplicateConfirmed: true,
                duplicateCandidates: candidates.map((c) => ({ id: c.id, mrn: c.mrn })),
              }
            : {}),
        },
      });
      await publishEvent(tx, {
        type: PATIENT_CHANGED_EVENT,
        permission: 'patients:read',
        resourceId: row.id,
      });
      return toPatient(await loadPatientParts(tx, row));
    })
    .catch(uniqueRace);
}

async function assertPortalUser(db: Executor, userId: string): Promise<void> {
  const user = await getUser(db, userId).catch(() => undefined);
  if (!user) throw fieldError('body.userId', 'is not an existing account');
  if (!user.roles.includes('patient'))
    throw fieldError('body.userId', 'must be an account holding the patient role');
}

const NAME_FIELDS = ['givenName', 'middleName', 'familyName', 'preferredName'] as const;

export async function updatePatient(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  patch: UpdatePatientInput,
): Promise<Patient> {
  const { settings } = await ctx.settings.get(ctx.db);
  const contacts = normalizeContactPhones(patch, settings.defaultPhoneRegion);
  if (patch.identifiers) assertDistinctIdentifiers(patch.identifiers);
  if (patch.userId) await assertPortalUser(ctx.db, patch.userId);
  return ctx.db
    .transaction(async (tx) => {
      const parts = await repo.lockPatientWithParts(tx, id);
      if (!parts) throw new AppError('not_found', `patient ${id} not found`);
      const { row } = parts;
      if (row.mergedIntoId) {
        throw new AppError('conflict', `This record was merged into ${row.mergedIntoId}; edit that one.`);
      }
      const before = toPatient(parts);
      if (patch.identifiers) await assertIdentifiersFree(tx, patch.identifiers, id);
      if (patch.userId) {
        const linked = await repo.findPatientIdByUser(tx, patch.userId);
        if (linked && linked !== id) {
          throw new AppError('conflict', 'body.userId is linked to another patient', {
            fields: [{ path: 'body.userId', message: 'is linked to another patient' }],
          });
        }
      }
      const {
        identifiers,
        phone: _phone,
        altPhone: _altPhone,
        emergencyContacts: _contacts,
        ...columns
      } = patch;
      const names: Partial<repo.PatientInsert> = {};
      if (NAME_FIELDS.some((k) => k in patch)) {
        const parts: NameParts = { ...row, ...columns } as NameParts;
        names.searchName = searchNameOf(parts);
        names.sortName = sortNameOf(parts);
      }
      const updated = await repo.updatePatientRow(tx, id, { ...columns, ...contacts, ...names });
      if (identifiers) await repo.replaceIdentifiers(tx, id, identifiers);
      const after = identifiers ? await loadPatient(tx, id) : toPatient({ ...parts, row: updated });
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of Object.keys(patch) as (keyof Patient)[]) {
        if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
          changes[key] = { from: before[key], to: after[key] };
      }
      await writeAudit(tx, actor, {
        action: 'patient.update',
        resourceType: 'patient',
        resourceId: id,
        patientId: id,
        details: { changes },
      });
      await publishEvent(tx, { type: PATIENT_CHANGED_EVENT, permission: 'patients:read', resourceId: id });
      return after;
    })
    .catch(uniqueRace);
}

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { registerPatient } from './patient-test-fixtures.ts';
import { patientAllergies, patientIdentifiers, patients } from './patients.schema.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
  doctor = await t.userWithRoles(['doctor']);
  // A table this module does not know, standing for any other module's patient_id column.
  await t.app.ctx.db.execute(sql`create table merge_probe (id serial primary key, patient_id uuid not null)`);
});
afterAll(async () => t?.close());

const merge = (id: string, intoId: unknown, cookie: string | null = admin.cookie) =>
  t.request({
    method: 'POST',
    url: `/api/patients/${id}/merge`,
    cookie: cookie ?? undefined,
    payload: { intoId } as Record<string, unknown>,
  });
const count = async (table: string, patientId: string) =>
  (
    await queryRows<{ n: number }>(
      t.app.ctx.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where patient_id = ${patientId}::uuid`,
    )
  )[0]?.n;
const tables = async () => [
  await snapshot(t.app.ctx.db, patients),
  await snapshot(t.app.ctx.db, patientIdentifiers),
  await snapshot(t.app.ctx.db, patientAllergies),
];

describe('POST /api/patients/:id/merge', () => {
  it('moves every row with a patient_id to the survivor, keeps the pointer, audits counts per table', async () => {
    const portal = await t.userWithRoles(['patient']);
    const source = await registerPatient(t, {
      identifiers: [{ type: 'national', value: 'DUP-1' }],
      allergies: [{ substance: 'Sulfa', severity: 'severe' }],
      conditions: [{ name: 'Asthma' }],
    });
    await t.request({
      method: 'PATCH',
      url: `/api/patients/${source.id}`,
      cookie: admin.cookie,
      payload: { userId: portal.id },
    });
    const survivor = await registerPatient(t, { allergies: [{ substance: 'Latex', severity: 'mild' }] });
    const older = await registerPatient(t);
    expect((await merge(older.id, source.id)).statusCode).toBe(200);
    const db = t.app.ctx.db;
    await db.execute(
      sql`insert into merge_probe (patient_id) values (${source.id}::uuid), (${source.id}::uuid)`,
    );
    await db.execute(
      sql`insert into vitals (patient_id, taken_at, heart_rate_bpm) values (${source.id}::uuid, now(), 70)`,
    );

    const res = await merge(source.id, survivor.id);
    expect(res.statusCode, res.body).toBe(200);
    const moved = {
      patient_identifiers: 1,
      patient_allergies: 1,
      patient_conditions: 1,
      merge_probe: 2,
      vitals: 1,
      'patients.merged_into_id': 1,
    };
    expect(res.json()).toMatchObject({ mergedId: source.id, moved });
    expect(res.json().survivor).toMatchObject({
      id: survivor.id,
      userId: portal.id,
      identifiers: [{ type: 'national', value: 'DUP-1' }],
    });
    expect(
      res
        .json()
        .survivor.allergies.map((a: { substance: string }) => a.substance)
        .sort(),
    ).toEqual(['Latex', 'Sulfa']);
    for (const table of [
      'patient_identifiers',
      'patient_allergies',
      'patient_conditions',
      'merge_probe',
      'vitals',
    ])
      expect(await count(table, source.id), table).toBe(0);
    expect(await count('merge_probe', survivor.id)).toBe(2);
    const merged = await t.request({
      method: 'GET',
      url: `/api/patients/${source.id}`,
      cookie: doctor.cookie,
    });
    expect(merged.json()).toMatchObject({ mergedIntoId: survivor.id, userId: null });
    expect(merged.json().mergedAt).not.toBeNull();
    const olderNow = await t.request({
      method: 'GET',
      url: `/api/patients/${older.id}`,
      cookie: doctor.cookie,
    });
    expect(olderNow.json().mergedIntoId).toBe(survivor.id);
    const [event] = await auditOf(db, 'patient.merge', source.id);
    expect(event).toMatchObject({
      actorId: admin.id,
      patientId: source.id,
      details: { intoId: survivor.id, moved },
    });
    expect(await auditOf(db, 'patient.merge.receive', survivor.id)).toHaveLength(1);
  });

  it('refuses merging into itself, of a merged record, into a merged record (409), unknown ids (404)', async () => {
    const a = await registerPatient(t);
    const b = await registerPatient(t);
    const c = await registerPatient(t);
    expect((await merge(a.id, b.id)).statusCode).toBe(200);
    const before = await tables();
    expect((await merge(c.id, c.id)).statusCode).toBe(409);
    expect((await merge(a.id, c.id)).statusCode).toBe(409);
    expect((await merge(c.id, a.id)).statusCode).toBe(409);
    expect((await merge(c.id, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await tables()).toEqual(before);
  });

  it('rolls everything back with 409 naming the table when a row cannot move', async () => {
    await t.app.ctx.db.execute(sql`create table merge_unique_probe (patient_id uuid unique)`);
    const a = await registerPatient(t, { allergies: [{ substance: 'Iodine', severity: 'mild' }] });
    const b = await registerPatient(t);
    await t.app.ctx.db.execute(
      sql`insert into merge_unique_probe (patient_id) values (${a.id}::uuid), (${b.id}::uuid)`,
    );
    const before = await tables();
    const res = await merge(a.id, b.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('merge_unique_probe');
    expect(await tables()).toEqual(before);
    await t.app.ctx.db.execute(sql`drop table merge_unique_probe`);
  });

  it('answers 401, 403 without patients:merge, 400 naming body.intoId', async () => {
    const a = await registerPatient(t);
    const b = await registerPatient(t);
    const before = await tables();
    expect((await merge(a.id, b.id, null)).statusCode).toBe(401);
    expect((await merge(a.id, b.id, doctor.cookie)).statusCode).toBe(403);
    const bad = await merge(a.id, 'nope');
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['body.intoId']);
    expect(await tables()).toEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { patientInput, registerPatient, uniqueWord } from './patient-test-fixtures.ts';
import { patientAllergies, patientConditions, patientIdentifiers, patients } from './patients.schema.ts';

let t: TestApp;
let admin: TestUser;
let clerk: TestUser;
let radiologist: TestUser;
let portal: TestUser;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
  clerk = await t.userWithRoles(['receptionist']);
  radiologist = await t.userWithRoles(['radiologist']);
  portal = await t.userWithRoles(['patient']);
});
afterAll(async () => t?.close());

const post = (payload: Record<string, unknown>, cookie: string | null = clerk.cookie) =>
  t.request({ method: 'POST', url: '/api/patients', cookie: cookie ?? undefined, payload });

async function tablesSnapshot() {
  const db = t.app.ctx.db;
  return [
    await snapshot(db, patients),
    await snapshot(db, patientIdentifiers),
    await snapshot(db, patientAllergies),
    await snapshot(db, patientConditions),
  ];
}

describe('POST /api/patients', () => {
  it('registers a patient: MRN from the format, E.164 phones, identifiers, allergies, conditions, audited', async () => {
    const familyName = uniqueWord('Muñoz');
    const res = await post(
      patientInput({
        givenName: 'José',
        middleName: '',
        familyName,
        preferredName: 'Pepe',
        sex: 'male',
        birthDate: '1985-02-28',
        civilStatus: 'married',
        phone: '(201) 555-0123',
        email: 'Jose@Example.org',
        address: { line1: '1 Main St', city: 'Springfield', country: 'us' },
        identifiers: [{ type: 'national', value: ' ab-123 ' }],
        emergencyContacts: [{ name: 'Ana', relationship: 'spouse', phone: '+63 917 123 4567' }],
        bloodType: 'O+',
        payer: { name: 'Acme Health', memberId: 'M-1' },
        allergies: [{ substance: 'Penicillin', reaction: 'rash', severity: 'moderate' }],
        conditions: [{ name: 'Type 2 diabetes', icd10Code: 'e11.9', since: '2019-05-01' }],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p.mrn).toMatch(new RegExp(`^MRN-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(p).toMatchObject({
      givenName: 'José',
      middleName: null,
      displayName: `José ${familyName}`,
      phone: '+12015550123',
      email: 'jose@example.org',
      address: { country: 'US' },
      identifiers: [{ type: 'national', value: 'AB-123' }],
      emergencyContacts: [{ name: 'Ana', relationship: 'spouse', phone: '+639171234567', email: null }],
      payer: { name: 'Acme Health', memberId: 'M-1', groupNumber: null },
      allergies: [{ substance: 'Penicillin', severity: 'moderate', status: 'active', recordedBy: clerk.id }],
      conditions: [{ name: 'Type 2 diabetes', icd10Code: 'E11.9', status: 'active' }],
      mergedIntoId: null,
      photoUrl: null,
    });
    const [event] = await auditOf(t.app.ctx.db, 'patient.create', p.id);
    expect(event).toMatchObject({ actorId: clerk.id, patientId: p.id, details: { mrn: p.mrn } });
  });

  it('answers 401 without a session and 403 to roles without patients:write, writing nothing', async () => {
    const before = await tablesSnapshot();
    expect((await post(patientInput(), null)).statusCode).toBe(401);
    expect((await post(patientInput(), radiologist.cookie)).statusCode).toBe(403);
    expect((await post(patientInput(), portal.cookie)).statusCode).toBe(403);
    expect(await tablesSnapshot()).toEqual(before);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const tomorrow = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string][] = [
      [{ birthDate: tomorrow }, 'body.birthDate'],
      [{ birthDate: '1899-12-31' }, 'body.birthDate'],
      [{ birthDate: '2001-02-29' }, 'body.birthDate'],
      [{ givenName: '  ' }, 'body.givenName'],
      [{ sex: 'other' }, 'body.sex'],
      [{ phone: '12' }, 'body.phone'],
      [{ altPhone: 'call me' }, 'body.altPhone'],
      [
        { emergencyContacts: [{ name: 'B', relationship: 'son', phone: '555' }] },
        'body.emergencyContacts.0.phone',
      ],
      [{ email: 'not-an-email' }, 'body.email'],
      [{ identifiers: [{ type: 'tax', value: 'X' }] }, 'body.identifiers.0.type'],
      [
        {
          identifiers: [
            { type: 'passport', value: 'P1' },
            { type: 'passport', value: 'p1' },
          ],
        },
        'body.identifiers.1.value',
      ],
      [{ allergies: [{ substance: 'Latex', severity: 'deadly' }] }, 'body.allergies.0.severity'],
      [{ conditions: [{ name: 'Asthma', icd10Code: 'not a code' }] }, 'body.conditions.0.icd10Code'],
      [{ address: { planet: 'Mars' } }, 'body.address.planet'],
      [{ mrn: 'MRN-1' }, 'body.mrn'],
    ];
    const before = await tablesSnapshot();
    for (const [override, path] of cases) {
      const res = await post(patientInput(override));
      expect(res.statusCode, JSON.stringify(override)).toBe(400);
      expect(errorPaths(res), JSON.stringify(override)).toContain(path);
    }
    expect(await tablesSnapshot()).toEqual(before);
  });

  it('answers 409 naming body.identifiers.N.value when another patient holds the identifier', async () => {
    await registerPatient(t, { identifiers: [{ type: 'student', value: 'S-777' }] });
    const before = await tablesSnapshot();
    const res = await post(
      patientInput({
        identifiers: [
          { type: 'employee', value: 'S-777' },
          { type: 'student', value: 's-777' },
        ],
      }),
    );
    expect(res.statusCode).toBe(409);
    expect(errorPaths(res)).toEqual(['body.identifiers.1.value']);
    expect(await tablesSnapshot()).toEqual(before);
  });

  it('gives concurrent registrations distinct MRNs', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => post(patientInput({ familyName: uniqueWord('Para') }))),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const mrns = results.map((r) => r.json().mrn as string);
    expect(new Set(mrns).size).toBe(8);
  });
});

describe('MRN format and phone region settings', () => {
  const settings = (payload: Record<string, unknown>) =>
    t.request({ method: 'PATCH', url: '/api/settings/system', cookie: admin.cookie, payload });

  it('validates the settings, then uses them for new patients', async () => {
    for (const [payload, path] of [
      [{ mrnFormat: 'MRN-{YYYY}' }, 'body.mrnFormat'],
      [{ mrnFormat: 'A{SEQ:4}{SEQ:2}' }, 'body.mrnFormat'],
      [{ mrnFormat: 'MRN {SEQ:6}' }, 'body.mrnFormat'],
      [{ mrnFormat: 'X{SEQ:13}' }, 'body.mrnFormat'],
      [{ defaultPhoneRegion: 'us' }, 'body.defaultPhoneRegion'],
      [{ defaultPhoneRegion: 'XX' }, 'body.defaultPhoneRegion'],
    ] as const) {
      const res = await settings(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    const ok = await settings({ mrnFormat: 'P{YY}/{SEQ:4}', defaultPhoneRegion: 'PH' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ mrnFormat: 'P{YY}/{SEQ:4}', defaultPhoneRegion: 'PH' });
    const res = await post(patientInput({ phone: '0917 123 4567' }));
    expect(res.statusCode, res.body).toBe(201);
    const yy = String(new Date().getUTCFullYear() % 100).padStart(2, '0');
    expect(res.json().mrn).toMatch(new RegExp(`^P${yy}/\\d{4,}$`));
    expect(res.json().phone).toBe('+639171234567');
    await settings({ mrnFormat: 'MRN-{YYYY}-{SEQ:6}', defaultPhoneRegion: 'US' });
  });
});

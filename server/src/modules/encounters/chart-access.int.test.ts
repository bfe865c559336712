import {
  BUILT_IN_ROLE_PERMISSIONS,
  BUILT_IN_ROLES,
  type BuiltInRole,
  type Permission,
} from '@carebase/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { insertPatient } from './chart-fixtures.ts';

/**
 * Every clinical-record route × every built-in role, on the patient's own record and on another's:
 * staff by permission, a patient only their own (and never writing), others' records hidden as 404.
 */
let t: TestApp;
let doctor: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  doctor = await t.userWithRoles(['doctor']);
});
afterAll(async () => t?.close());

type Chart = {
  patientId: string;
  draftId: string;
  signedId: string;
  diagnosisId: string;
  prescriptionId: string;
  attachmentId: string;
};

async function as<T = Record<string, string>>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  cookie: string,
  payload?: object,
): Promise<T> {
  const res = await t.request({ method, url, cookie, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** A chart with a draft (with a diagnosis), a signed encounter, a prescription and an attachment. */
async function chartOf(patientId: string): Promise<Chart> {
  const c = doctor.cookie;
  const draft = await as('POST', `/api/patients/${patientId}/encounters`, c, { type: 'consultation' });
  const dx = await as('POST', `/api/encounters/${draft.id}/diagnoses`, c, { code: 'J06.9' });
  const signed = await as('POST', `/api/patients/${patientId}/encounters`, c, { type: 'follow-up' });
  await as('PATCH', `/api/encounters/${signed.id}`, c, { assessment: 'Better' });
  await as('POST', `/api/encounters/${signed.id}/sign`, c);
  const rx = await as<{ items: { id: string }[] }>('POST', `/api/encounters/${signed.id}/prescriptions`, c, {
    items: [{ drug: 'Paracetamol', dose: '500 mg', route: 'oral', frequency: 'every 6 hours' }],
  });
  const file = await t.request({
    method: 'POST',
    url: `/api/patients/${patientId}/attachments?filename=a.pdf&encounterId=${signed.id}`,
    cookie: c,
    headers: { 'content-type': 'application/pdf' },
    payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  return {
    patientId,
    draftId: draft.id ?? '',
    signedId: signed.id ?? '',
    diagnosisId: dx.id ?? '',
    prescriptionId: rx.items[0]?.id ?? '',
    attachmentId: file.json().id,
  };
}

type Route = {
  name: string;
  needs: Permission;
  read: boolean;
  /** The status when allowed. */
  ok?: 201;
  call: (c: Chart, cookie: string) => Promise<LightMyRequestResponse>;
};

const req =
  (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => (cookie: string) =>
    t.request({ method, url, cookie, ...(payload ? { payload } : {}) });

// Writes are ordered so that each allowed one leaves the chart usable by the next (signing the draft comes last).
const ROUTES: Route[] = [
  {
    name: 'list encounters',
    needs: 'chart:read',
    read: true,
    call: (c, k) => req('GET', `/api/patients/${c.patientId}/encounters`)(k),
  },
  {
    name: 'get encounter',
    needs: 'chart:read',
    read: true,
    call: (c, k) => req('GET', `/api/encounters/${c.signedId}`)(k),
  },
  {
    name: 'vitals trend',
    needs: 'chart:read',
    read: true,
    call: (c, k) => req('GET', `/api/patients/${c.patientId}/vitals`)(k),
  },
  {
    name: 'latest vitals',
    needs: 'chart:read',
    read: true,
    call: (c, k) => req('GET', `/api/patients/${c.patientId}/vitals/latest`)(k),
  },
  {
    name: 'list prescriptions',
    needs: 'chart:read',
    read: true,
    call: (c, k) => req('GET', `/api/patients/${c.patientId}/prescriptions`)(k),
  },
  {
    name: 'list attachments',
    needs: 'chart:read',
    read: true,
    call: (c, k) => req('GET', `/api/patients/${c.patientId}/attachments`)(k),
  },
  {
    name: 'attachment content',
    needs: 'chart:read',
    read: true,
    call: (c, k) => req('GET', `/api/attachments/${c.attachmentId}/content`)(k),
  },
  {
    name: 'create encounter',
    needs: 'chart:write',
    read: false,
    ok: 201,
    call: (c, k) => req('POST', `/api/patients/${c.patientId}/encounters`, { type: 'dental' })(k),
  },
  {
    name: 'edit draft',
    needs: 'chart:write',
    read: false,
    call: (c, k) => req('PATCH', `/api/encounters/${c.draftId}`, { plan: 'Rest' })(k),
  },
  {
    name: 'add diagnosis',
    needs: 'chart:write',
    read: false,
    ok: 201,
    call: (c, k) => req('POST', `/api/encounters/${c.draftId}/diagnoses`, { code: 'R05.9' })(k),
  },
  {
    name: 'delete diagnosis',
    needs: 'chart:write',
    read: false,
    call: (c, k) => req('DELETE', `/api/encounters/${c.draftId}/diagnoses/${c.diagnosisId}`)(k),
  },
  {
    name: 'add procedure',
    needs: 'chart:write',
    read: false,
    ok: 201,
    call: (c, k) =>
      req('POST', `/api/encounters/${c.draftId}/procedures`, { description: 'Nebulisation' })(k),
  },
  {
    name: 'record vitals',
    needs: 'chart:write',
    read: false,
    ok: 201,
    call: (c, k) => req('POST', `/api/patients/${c.patientId}/vitals`, { heartRate: 80 })(k),
  },
  {
    name: 'add addendum',
    needs: 'chart:write',
    read: false,
    ok: 201,
    call: (c, k) =>
      req('POST', `/api/encounters/${c.signedId}/addenda`, { reason: 'typo', text: 'Better, not worse' })(k),
  },
  {
    name: 'upload attachment',
    needs: 'chart:write',
    read: false,
    ok: 201,
    call: (c, k) =>
      t.request({
        method: 'POST',
        url: `/api/patients/${c.patientId}/attachments?filename=b.pdf`,
        cookie: k,
        headers: { 'content-type': 'application/pdf' },
        payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
      }),
  },
  {
    name: 'prescribe',
    needs: 'prescriptions:write',
    read: false,
    ok: 201,
    call: (c, k) =>
      req('POST', `/api/encounters/${c.draftId}/prescriptions`, {
        items: [{ drug: 'Cetirizine', dose: '10 mg', route: 'oral', frequency: 'daily' }],
      })(k),
  },
  {
    name: 'stop prescription',
    needs: 'prescriptions:write',
    read: false,
    call: (c, k) => req('POST', `/api/prescriptions/${c.prescriptionId}/stop`, { reason: 'done' })(k),
  },
  {
    name: 'sign',
    needs: 'encounters:sign',
    read: false,
    call: (c, k) => req('POST', `/api/encounters/${c.draftId}/sign`)(k),
  },
];

function expected(role: BuiltInRole, route: Route, own: boolean): number {
  if (role === 'patient') return route.read ? (own ? 200 : 404) : 403;
  if (!BUILT_IN_ROLE_PERMISSIONS[role].includes(route.needs)) return 403;
  return route.ok ?? 200;
}

describe('access matrix of the clinical record', () => {
  for (const role of BUILT_IN_ROLES) {
    for (const own of role === 'patient' ? [true, false] : [true]) {
      it(`${role}${role === 'patient' ? (own ? ' on their own record' : " on another's record") : ''}`, async () => {
        const user = await t.userWithRoles([role]);
        const patientId = await insertPatient(
          t.app.ctx.db,
          role === 'patient' && own ? { userId: user.id } : {},
        );
        const chart = await chartOf(patientId);
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const route of ROUTES) {
          got[route.name] = (await route.call(chart, user.cookie)).statusCode;
          want[route.name] = expected(role, route, own);
        }
        expect(got).toEqual(want);
      });
    }
  }
});

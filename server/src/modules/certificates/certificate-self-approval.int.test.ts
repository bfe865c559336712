import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf } from '../../test/test-queries.ts';
import { patients } from '../patients/patients.schema.ts';
import { updateUser } from '../users/users.repository.ts';

let t: TestApp;
let admin: TestUser;
let nurse: TestUser;
let drafter: TestUser;
let second: TestUser;
let patientId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
  nurse = await t.userWithRoles(['nurse']);
  drafter = await t.userWithRoles(['doctor']);
  second = await t.userWithRoles(['doctor']);
  await updateUser(t.app.ctx.db, drafter.id, { licenceNumber: 'MED-1001', name: 'Dr. Ana Ruiz' });
  await updateUser(t.app.ctx.db, second.id, { licenceNumber: 'MED-2002', name: 'Dr. Luis Mora' });
  const [row] = await t.app.ctx.db
    .insert(patients)
    .values({
      mrn: `T-${randomUUID().slice(0, 8)}`,
      givenName: 'Eva',
      familyName: 'Soto',
      searchName: 'eva soto',
      sex: 'female',
      birthDate: '1988-02-01',
    })
    .returning({ id: patients.id });
  if (!row) throw new Error('no patient');
  patientId = row.id;
});
afterAll(async () => t?.close());

const act = (id: string, action: string, cookie: string) =>
  t.request({ method: 'POST', url: `/api/certificates/${id}/${action}`, cookie });

/** A submitted fit-to-work certificate drafted by `by`. */
async function submittedBy(by: TestUser): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: `/api/patients/${patientId}/certificates`,
    cookie: by.cookie,
    payload: { type: 'fit_to_work', findings: 'Healthy.' },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  expect((await act(id, 'submit', by.cookie)).statusCode).toBe(200);
  return id;
}

async function setSelfApproval(allowed: boolean) {
  const res = await t.request({
    method: 'PATCH',
    url: '/api/settings/system',
    cookie: admin.cookie,
    payload: { certificates: { selfApprovalAllowed: allowed } },
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().certificates).toEqual({ selfApprovalAllowed: allowed });
}

describe('approving a certificate one drafted oneself', () => {
  it('is allowed by default (a clinic with one doctor), recording the doctor as drafter and approver', async () => {
    const settings = await t.request({ method: 'GET', url: '/api/settings/system', cookie: admin.cookie });
    expect(settings.json().certificates).toEqual({ selfApprovalAllowed: true });
    const id = await submittedBy(drafter);
    const res = await act(id, 'approve', drafter.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      createdBy: { id: drafter.id, name: 'Dr. Ana Ruiz' },
      approvedBy: { id: drafter.id, name: 'Dr. Ana Ruiz', licenceNumber: 'MED-1001' },
    });
  });

  it('is refused with 403 when the clinic requires a second doctor, who then approves', async () => {
    await setSelfApproval(false);
    try {
      const id = await submittedBy(drafter);
      const refused = await act(id, 'approve', drafter.cookie);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('second_approver_required');
      expect(refused.json().detail).toMatch(/You drafted this certificate.*another doctor/);
      expect(await auditOf(t.app.ctx.db, 'certificate.approve', id)).toHaveLength(0);
      const still = await t.request({
        method: 'GET',
        url: `/api/certificates/${id}`,
        cookie: drafter.cookie,
      });
      expect(still.json()).toMatchObject({ status: 'submitted', number: null, approvedBy: null });

      // The drafter's inbox and its count leave it out; the second doctor's hold it.
      const inboxOf = async (cookie: string) => {
        const list = await t.request({
          method: 'GET',
          url: '/api/certificates?status=submitted&approvable=true&pageSize=100',
          cookie,
        });
        const count = await t.request({ method: 'GET', url: '/api/certificates/inbox-count', cookie });
        const ids = (list.json().items as { id: string }[]).map((c) => c.id);
        return { ids, total: list.json().total as number, count: count.json().count as number };
      };
      const drafterInbox = await inboxOf(drafter.cookie);
      const secondInbox = await inboxOf(second.cookie);
      expect(drafterInbox.ids).not.toContain(id);
      expect(secondInbox.ids).toContain(id);
      expect(secondInbox.total).toBe(drafterInbox.total + 1);
      expect(secondInbox.count).toBe(drafterInbox.count + 1);

      const res = await act(id, 'approve', second.cookie);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'approved',
        createdBy: { id: drafter.id, name: 'Dr. Ana Ruiz' },
        approvedBy: { id: second.id, name: 'Dr. Luis Mora', licenceNumber: 'MED-2002' },
      });

      // Only the drafter is held back: a nurse's draft is approved by either doctor.
      const byNurse = await submittedBy(nurse);
      expect((await act(byNurse, 'approve', drafter.cookie)).statusCode).toBe(200);
    } finally {
      await setSelfApproval(true);
    }
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

const clinicName = async () =>
  (await t.request({ method: 'GET', url: '/api/settings/public' })).json().clinicName as string;

/** A change written straight to the database, as another instance would; `announced: false` disables its trigger. */
async function rename(name: string, announced: boolean): Promise<void> {
  await t.app.ctx.db.transaction(async (tx) => {
    if (!announced) await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`insert into system_settings (id, value, secrets) values (1, '{}', '{}')
      on conflict (id) do nothing`);
    await tx.execute(
      sql`update system_settings set value = jsonb_set(value, '{clinicName}', to_jsonb(${name}::text))`,
    );
  });
}

async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe("the clinic's settings in memory", () => {
  it('are read from memory: a change nobody announces is not seen until the next clear', async () => {
    // Seen only once the announcement has cleared what was read before, so no announcement is still on its way.
    await clinicName();
    await rename('Clinic One', true);
    expect(await eventually(async () => (await clinicName()) === 'Clinic One')).toBe(true);
    await rename('Clinic Quiet', false);
    expect(await clinicName()).toBe('Clinic One');
    t.app.ctx.settings.clear();
    expect(await clinicName()).toBe('Clinic Quiet');
  });

  it("follow a change another instance announces (the table's trigger)", async () => {
    await clinicName();
    await rename('Clinic Elsewhere', true);
    expect(await eventually(async () => (await clinicName()) === 'Clinic Elsewhere')).toBe(true);
  });

  it("follow this instance's own change on its very next request", async () => {
    await clinicName();
    const res = await t.request({
      method: 'PATCH',
      url: '/api/settings/system',
      cookie: admin.cookie,
      payload: { clinicName: 'Clinic Patched' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await clinicName()).toBe('Clinic Patched');
  });

  it('are read inside a transaction that needs them when memory is empty, without waiting on it', async () => {
    const desk = await t.userWithRoles(['receptionist']);
    t.app.ctx.settings.clear();
    // A walk-in registers the patient inside the queue's transaction, and the registration reads the settings.
    const res = await t.request({
      method: 'POST',
      url: '/api/queue/walk-in',
      cookie: desk.cookie,
      payload: {
        departmentKey: 'general',
        newPatient: { givenName: 'Cold', familyName: 'Cache', birthDate: '1990-01-01', sex: 'female' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

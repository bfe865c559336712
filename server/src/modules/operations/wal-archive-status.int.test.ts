import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalReceiver, type WalReceiver, walFolder } from '../../platform/db/wal-receiver.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { onPostgres } from '../../test/test-database.ts';
import { CLEAR_READINGS, evaluateAlerts } from './alert-evaluation.ts';

describe.skipIf(!onPostgres)('the WAL archive on the application health (PostgreSQL)', () => {
  const slot = `carebase_wal_m${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let admin: TestUser;
  let receiver: WalReceiver | undefined;
  beforeAll(async () => {
    t = await createTestApp({ loginRateLimitPerMinute: 1000, backupWal: true, backupWalSlot: slot });
    admin = await t.userWithRoles(['admin']);
  });
  afterAll(async () => {
    await receiver?.stop();
    await t?.app.ctx.db
      .execute(
        sql`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ${slot}`,
      )
      .catch(() => {});
    await t?.close();
  });

  const walArchive = async () => {
    const res = await t.request({ method: 'GET', url: '/api/monitoring/application', cookie: admin.cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().walArchive;
  };

  const walAlert = async () => {
    const res = await t.request({ method: 'GET', url: '/api/monitoring/alerts', cookie: admin.cookie });
    return res.json().items.find((a: { rule: string }) => a.rule === 'wal_archive');
  };

  it('says it is not receiving until pg_receivewal reads the slot, then how far behind it is; the alert follows', async () => {
    expect(await walArchive()).toEqual({ slot, receiving: false, lagBytes: null, lastWrittenAt: null });
    await evaluateAlerts(t.app.ctx);
    expect(await walAlert()).toMatchObject({ status: 'firing', value: null });
    receiver = startWalReceiver({
      url: t.config.databaseUrl ?? '',
      dir: walFolder(t.config.backupUrl),
      slot,
      log: t.app.log,
    });
    let status = await walArchive();
    for (let i = 0; i < 100 && !status.receiving; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await walArchive();
    }
    expect(status.receiving).toBe(true);
    expect(status.lagBytes).toBeGreaterThanOrEqual(0);
    expect(status.lastWrittenAt).not.toBeNull();
    for (let i = 0; i < CLEAR_READINGS; i++) await evaluateAlerts(t.app.ctx);
    expect(await walAlert()).toMatchObject({ status: 'resolved' });
  }, 30_000);
});

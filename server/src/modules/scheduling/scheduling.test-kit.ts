import type { ServerEvent } from '@carebase/contracts';
import { expect } from 'vitest';
import { EVENTS_CHANNEL } from '../../platform/events/events.publisher.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A test app with one user per role that matters to scheduling, and the events it publishes. */
export type SchedulingKit = {
  t: TestApp;
  admin: TestUser;
  receptionist: TestUser;
  doctor: TestUser;
  dentist: TestUser;
  nurse: TestUser;
  pharmacist: TestUser;
  accountant: TestUser;
  patient: TestUser;
  events: ServerEvent[];
  /** As the admin unless another cookie is given; null sends no session at all. */
  send(
    method: Method,
    url: string,
    payload?: unknown,
    cookie?: string | null,
  ): ReturnType<TestApp['request']>;
  /** Waits until an event of this type about this resource has arrived (NOTIFY is asynchronous). */
  eventAbout(type: string, resourceId: string): Promise<ServerEvent>;
  close(): Promise<void>;
};

export async function createSchedulingKit(): Promise<SchedulingKit> {
  const t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  const events: ServerEvent[] = [];
  const unlisten = await t.database.listen(EVENTS_CHANNEL, (payload) => events.push(JSON.parse(payload)));
  const [admin, receptionist, doctor, dentist, nurse, pharmacist, accountant, patient] = await Promise.all(
    ['admin', 'receptionist', 'doctor', 'dentist', 'nurse', 'pharmacist', 'accountant', 'patient'].map((r) =>
      t.userWithRoles([r]),
    ),
  );
  if (!admin || !receptionist || !doctor || !dentist || !nurse || !pharmacist || !accountant || !patient)
    throw new Error('users missing');
  return {
    t,
    admin,
    receptionist,
    doctor,
    dentist,
    nurse,
    pharmacist,
    accountant,
    patient,
    events,
    send: (method, url, payload, cookie = admin.cookie) =>
      t.request({
        method,
        url,
        cookie: cookie ?? undefined,
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
    async eventAbout(type, resourceId) {
      await expect
        .poll(() => events.find((e) => e.type === type && e.resourceId === resourceId), { timeout: 3000 })
        .toBeDefined();
      return events.find((e) => e.type === type && e.resourceId === resourceId) as ServerEvent;
    },
    async close() {
      await unlisten();
      await t.close();
    },
  };
}

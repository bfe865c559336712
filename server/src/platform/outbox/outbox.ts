import { EVENT_TYPES } from '@carebase/contracts';
import type { Db, Executor } from '../db/database.ts';
import { publishEvent } from '../events/events.publisher.ts';
import type { BlobStore } from '../files/blob-store.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { findMessage, heldMessageIds, insertMessage, updateMessage } from './outbox.repository.ts';
import {
  type EmailMessage,
  type SmsMessage,
  sendEmail,
  sendSms,
  type TransportSettings,
} from './transports.ts';

export const SEND_JOB = 'outbox.send';

export type Outbox = {
  /** Stores the message and its send job in the caller's transaction; nothing is sent unless that commits. */
  queueEmail(executor: Executor, msg: EmailMessage): Promise<string>;
  queueSms(executor: Executor, msg: SmsMessage): Promise<string>;
  /** Puts held or failed messages back in line (after a transport was configured, or by an admin). */
  release(executor: Executor, ids: string[]): Promise<void>;
  releaseHeld(executor: Executor, channel: 'email' | 'sms'): Promise<number>;
};

export function createOutbox(deps: {
  db: Db;
  jobs: Jobs;
  blobs: BlobStore;
  transports: () => Promise<TransportSettings>;
}): Outbox {
  const changed = (ex: Executor, id: string) =>
    publishEvent(ex, { type: EVENT_TYPES.outboxChanged, permission: 'outbox:read', resourceId: id });

  async function send(id: string): Promise<void> {
    const msg = await findMessage(deps.db, id);
    if (!msg || msg.status === 'sent') return;
    const transports = await deps.transports();
    const attempts = msg.attempts + 1;
    try {
      if (msg.channel === 'email') {
        if (!transports.smtp) return await hold(id);
        await sendEmail(transports.smtp, {
          to: msg.to,
          subject: msg.subject ?? '',
          text: msg.body,
          html: msg.html ?? undefined,
          attachments: await Promise.all(
            (msg.attachments ?? []).map(async (a) => ({ ...a, content: await deps.blobs.read(a.sha256) })),
          ),
        });
      } else {
        if (!transports.sms) return await hold(id);
        await sendSms(transports.sms, { to: msg.to, body: msg.body });
      }
      await updateMessage(deps.db, id, { status: 'sent', attempts, sentAt: new Date(), lastError: null });
      await changed(deps.db, id);
    } catch (err) {
      await updateMessage(deps.db, id, {
        status: 'failed',
        attempts,
        lastError: (err as Error).message.slice(0, 1000),
      });
      await changed(deps.db, id);
      throw err; // the job retries with backoff
    }
  }

  async function hold(id: string): Promise<void> {
    await updateMessage(deps.db, id, { status: 'held' });
    await changed(deps.db, id);
  }

  deps.jobs.register(SEND_JOB, async (payload) => send(String(payload.id)));

  async function queue(ex: Executor, row: Parameters<typeof insertMessage>[1]): Promise<string> {
    const msg = await insertMessage(ex, row);
    await deps.jobs.enqueue(ex, SEND_JOB, { id: msg.id }, { maxAttempts: 8 });
    await changed(ex, msg.id);
    return msg.id;
  }

  async function release(ex: Executor, ids: string[]): Promise<void> {
    for (const id of ids) {
      await updateMessage(ex, id, { status: 'pending' });
      await deps.jobs.enqueue(ex, SEND_JOB, { id }, { maxAttempts: 8 });
      await changed(ex, id);
    }
  }

  return {
    queueEmail: async (ex, m) => {
      const attachments = m.attachments?.length
        ? await Promise.all(
            m.attachments.map(async (a) => ({
              filename: a.filename,
              contentType: a.contentType,
              sha256: (await deps.blobs.put(ex, a.content, { contentType: a.contentType })).sha256,
            })),
          )
        : null;
      return queue(ex, {
        channel: 'email',
        to: m.to,
        subject: m.subject,
        body: m.text,
        html: m.html,
        attachments,
      });
    },
    queueSms: (ex, m) => queue(ex, { channel: 'sms', to: m.to, body: m.body }),
    release,
    async releaseHeld(ex, channel) {
      const ids = (await heldMessageIds(ex, channel)).map((r) => r.id);
      await release(ex, ids);
      return ids.length;
    },
  };
}

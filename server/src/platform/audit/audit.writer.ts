import { desc, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { chainHash, GENESIS_HASH, type HashedContent } from './audit.hash.ts';
import { auditEvents } from './audit.schema.ts';

/** Who did it and from where; taken from the request by the auth layer. */
export type ActorContext = {
  actorId: string | null;
  actorEmail: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
};

export const SYSTEM_ACTOR: ActorContext = {
  actorId: null,
  actorEmail: 'system',
  ip: null,
  userAgent: null,
  requestId: null,
};

export type AuditEntry = {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  outcome?: 'success' | 'denied' | 'failed';
  details?: Record<string, unknown>;
};

// Any constant works; it only has to be the same in every instance.
const CHAIN_LOCK = 7_402_001;

async function append(tx: Tx, actor: ActorContext, entry: AuditEntry): Promise<void> {
  // Serialises writers so each row links to the one committed before it, across instances too.
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: HashedContent = {
    at: new Date().toISOString(),
    actorId: actor.actorId,
    actorEmail: actor.actorEmail,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    patientId: entry.patientId ?? null,
    outcome: entry.outcome ?? 'success',
    ip: actor.ip,
    userAgent: actor.userAgent,
    requestId: actor.requestId,
    details: entry.details ?? {},
  };
  await tx.insert(auditEvents).values({ ...content, prevHash, hash: chainHash(prevHash, content) });
}

/** Writes one audit event inside the caller's transaction (or a new one), so it commits with the change. */
export function writeAudit(executor: Executor, actor: ActorContext, entry: AuditEntry): Promise<void> {
  return inTransaction(executor, (tx) => append(tx, actor, entry));
}

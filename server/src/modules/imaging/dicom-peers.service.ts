import type { DicomPeer, DicomPeerInput, DimseActivity } from '@carebase/contracts';
import { desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { uniqueViolation } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { dicomPeers, dimseActivity } from './imaging.schema.ts';

type PeerRow = typeof dicomPeers.$inferSelect;

function toPeer(row: PeerRow): DicomPeer {
  return {
    ...row,
    verbs: row.verbs as DicomPeer['verbs'],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listPeers(ctx: AppContext): Promise<DicomPeer[]> {
  return (await ctx.db.select().from(dicomPeers).orderBy(dicomPeers.aeTitle)).map(toPeer);
}

export async function findPeerByAeTitle(ctx: AppContext, aeTitle: string): Promise<DicomPeer | null> {
  const [row] = await ctx.db.select().from(dicomPeers).where(eq(dicomPeers.aeTitle, aeTitle));
  return row ? toPeer(row) : null;
}

export async function findPeer(ctx: AppContext, id: string): Promise<DicomPeer> {
  const [row] = await ctx.db.select().from(dicomPeers).where(eq(dicomPeers.id, id));
  if (!row) throw new AppError('not_found', `DICOM peer ${id} not found`);
  return toPeer(row);
}

function takenAeTitle(err: unknown, aeTitle: string): never {
  if (uniqueViolation(err))
    throw new AppError('conflict', `A peer with AE title ${aeTitle} already exists.`, {
      fields: [{ path: 'aeTitle', message: 'is already used by another peer' }],
    });
  throw err;
}

export async function createPeer(
  ctx: AppContext,
  actor: ActorContext,
  input: DicomPeerInput,
): Promise<DicomPeer> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(dicomPeers).values(input).returning();
      if (!row) throw new Error('no peer inserted');
      await writeAudit(tx, actor, {
        action: 'imaging.peer.create',
        resourceType: 'dicom-peer',
        resourceId: row.id,
        details: { ...input },
      });
      return toPeer(row);
    });
  } catch (err) {
    takenAeTitle(err, input.aeTitle);
  }
}

export async function updatePeer(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  input: DicomPeerInput,
): Promise<DicomPeer> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .update(dicomPeers)
        .set({ ...input, updatedAt: sql`now()` })
        .where(eq(dicomPeers.id, id))
        .returning();
      if (!row) throw new AppError('not_found', `DICOM peer ${id} not found`);
      await writeAudit(tx, actor, {
        action: 'imaging.peer.update',
        resourceType: 'dicom-peer',
        resourceId: id,
        details: { ...input },
      });
      return toPeer(row);
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    takenAeTitle(err, input.aeTitle);
  }
}

export async function deletePeer(ctx: AppContext, actor: ActorContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(dicomPeers).where(eq(dicomPeers.id, id)).returning();
    if (!row) throw new AppError('not_found', `DICOM peer ${id} not found`);
    await writeAudit(tx, actor, {
      action: 'imaging.peer.delete',
      resourceType: 'dicom-peer',
      resourceId: id,
      details: { aeTitle: row.aeTitle },
    });
  });
}

export async function listActivity(ctx: AppContext): Promise<DimseActivity[]> {
  const rows = await ctx.db.select().from(dimseActivity).orderBy(desc(dimseActivity.id)).limit(500);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

export type ActivityEntry = Omit<typeof dimseActivity.$inferInsert, 'id' | 'at'>;

/** Records what an association did; never fails the DICOM work it describes. */
export async function recordActivity(ctx: AppContext, entry: ActivityEntry): Promise<void> {
  try {
    await ctx.db.insert(dimseActivity).values({ ...entry, detail: (entry.detail ?? '').slice(0, 1000) });
  } catch (err) {
    ctx.log.warn({ err }, 'DIMSE activity could not be recorded');
  }
}

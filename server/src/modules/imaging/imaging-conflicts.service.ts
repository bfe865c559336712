import { EVENT_TYPES, type ImagingConflict } from '@carebase/contracts';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { imagingConflicts, imagingInstances } from './imaging.schema.ts';
import { bulkMap, check } from './imaging-ingest.service.ts';

export async function listConflicts(ctx: AppContext): Promise<ImagingConflict[]> {
  const rows = await ctx.db
    .select({
      id: imagingConflicts.id,
      sopInstanceUid: imagingConflicts.sopInstanceUid,
      studyUid: imagingConflicts.studyUid,
      seriesUid: imagingConflicts.seriesUid,
      size: imagingConflicts.size,
      source: imagingConflicts.source,
      receivedAt: imagingConflicts.receivedAt,
    })
    .from(imagingConflicts)
    .where(isNull(imagingConflicts.resolvedAt))
    .orderBy(desc(imagingConflicts.receivedAt))
    .limit(500);
  return rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() }));
}

/**
 * Settles a conflict: keep what was stored, or replace it with the conflicting file (the stored one stays as
 * the instance's original). A replacement must belong to the same study and series.
 */
export async function resolveConflict(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  resolution: 'kept-existing' | 'replaced',
): Promise<void> {
  const [conflict] = await ctx.db.select().from(imagingConflicts).where(eq(imagingConflicts.id, id));
  if (!conflict || conflict.resolvedAt) throw new AppError('not_found', `open conflict ${id} not found`);
  const staged =
    resolution === 'replaced'
      ? await ctx.blobs.stage((await ctx.blobs.open(conflict.sha256)).stream, {})
      : null;
  try {
    const checked = staged ? await check(staged, { expectedStudyUid: conflict.studyUid }) : null;
    if (checked && 'status' in checked)
      throw new AppError(
        'conflict',
        `The conflicting file cannot replace the stored one: ${'reason' in checked ? checked.reason : checked.status}`,
      );
    await ctx.db.transaction(async (tx) => {
      const [open] = await tx
        .update(imagingConflicts)
        .set({ resolution, resolvedBy: actor.actorId, resolvedAt: sql`now()` })
        .where(and(eq(imagingConflicts.id, id), isNull(imagingConflicts.resolvedAt)))
        .returning({ id: imagingConflicts.id });
      if (!open) throw new AppError('not_found', `open conflict ${id} not found`);
      if (checked && staged) {
        await ctx.blobs.putStaged(tx, staged, { contentType: 'application/dicom' });
        await tx
          .update(imagingInstances)
          .set({
            sha256: staged.sha256,
            size: staged.size,
            originalSha256: sql`coalesce(${imagingInstances.originalSha256}, ${imagingInstances.sha256})`,
            transferSyntaxUid: checked.parsed.transferSyntaxUid,
            datasetOffset: checked.parsed.datasetOffset,
            metadata: JSON.stringify(checked.parsed.dataset),
            frames: checked.frames,
            bulk: bulkMap(checked.parsed),
            warnings: checked.parsed.warnings,
          })
          .where(eq(imagingInstances.sopInstanceUid, conflict.sopInstanceUid));
      }
      await writeAudit(tx, actor, {
        action: 'imaging.conflict.resolve',
        resourceType: 'imaging-instance',
        resourceId: null,
        details: {
          conflictId: id,
          sopInstanceUid: conflict.sopInstanceUid,
          resolution,
          sha256: conflict.sha256,
        },
      });
      await publishEvent(tx, {
        type: EVENT_TYPES.imagingChanged,
        permission: 'imaging:read',
        resourceId: null,
      });
    });
  } finally {
    if (staged) await ctx.blobs.discard(staged);
  }
}

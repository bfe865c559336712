import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { fileSource } from './byte-source.ts';
import { parseDicom } from './dicom-parse.ts';
import { imagingInstances, imagingStudies } from './imaging.schema.ts';
import { bulkMap, check } from './imaging-ingest.service.ts';
import type { indexAttributes } from './index-attributes.ts';
import { patientSplices, type Splice } from './patient-rewrite.ts';

/** The file with the splices applied, streamed from the store range by range. */
function spliced(ctx: AppContext, sha256: string, size: number, splices: readonly Splice[]): Readable {
  async function* bytes() {
    let at = 0;
    for (const s of splices) {
      if (s.start > at) yield* await ctx.blobs.openRange(sha256, { start: at, end: s.start - 1 });
      yield s.bytes;
      at = s.end;
    }
    if (size > at) yield* await ctx.blobs.openRange(sha256, { start: at, end: size - 1 });
  }
  return Readable.from(bytes());
}

/**
 * Writes the patient's MRN and name into every stored file of a study (reconciliation with rewrite). Each new
 * file replaces the instance's current one; the file as first received stays as its original. Deflated
 * files are left as they are and counted.
 */
export async function rewritePatientInStudy(
  ctx: AppContext,
  actor: ActorContext,
  studyId: string,
  values: { patientId: string; patientName: string },
): Promise<{ rewritten: number; skipped: number }> {
  const dicomName = values.patientName.trim().split(/\s+/).reverse().join('^');
  const instances = await ctx.db
    .select({
      id: imagingInstances.id,
      sha256: imagingInstances.sha256,
      size: imagingInstances.size,
      transferSyntaxUid: imagingInstances.transferSyntaxUid,
    })
    .from(imagingInstances)
    .where(eq(imagingInstances.studyId, studyId));
  let rewritten = 0;
  let skipped = 0;
  let studyAttributes: ReturnType<typeof indexAttributes>['study'] | null = null;
  for (const instance of instances) {
    const staged = await ctx.blobs.stage((await ctx.blobs.open(instance.sha256)).stream, {});
    const source = await fileSource(staged.file);
    let splices: Splice[] | null;
    try {
      const parsed = await parseDicom(source);
      const charset = String(parsed.dataset['00080005']?.Value?.[0] ?? '');
      splices = patientSplices(
        parsed.topLevel,
        instance.transferSyntaxUid,
        charset.includes('192'),
        { patientId: values.patientId, patientName: dicomName },
        source.size,
      );
    } finally {
      await source.close();
      await ctx.blobs.discard(staged);
    }
    if (!splices) {
      skipped++;
      continue;
    }
    const next = await ctx.blobs.stage(spliced(ctx, instance.sha256, instance.size, splices), {});
    try {
      const checked = await check(next, {});
      if ('status' in checked) throw new Error(`the rewritten file is not valid: ${checked.status}`);
      studyAttributes = checked.attributes.study;
      await ctx.db.transaction(async (tx) => {
        await ctx.blobs.putStaged(tx, next, { contentType: 'application/dicom' });
        await tx
          .update(imagingInstances)
          .set({
            sha256: next.sha256,
            size: next.size,
            originalSha256: sql`coalesce(${imagingInstances.originalSha256}, ${instance.sha256})`,
            datasetOffset: checked.parsed.datasetOffset,
            metadata: JSON.stringify(checked.parsed.dataset),
            frames: checked.frames,
            bulk: bulkMap(checked.parsed),
          })
          .where(eq(imagingInstances.id, instance.id));
      });
      rewritten++;
    } finally {
      await ctx.blobs.discard(next);
    }
  }
  await ctx.db.transaction(async (tx) => {
    if (studyAttributes) {
      const { studyUid: _uid, ...attributes } = studyAttributes;
      await tx
        .update(imagingStudies)
        .set({ ...attributes, updatedAt: sql`now()` })
        .where(eq(imagingStudies.id, studyId));
    }
    await writeAudit(tx, actor, {
      action: 'imaging.study.rewrite',
      resourceType: 'imaging-study',
      resourceId: studyId,
      details: { patientId: values.patientId, rewritten, skipped },
    });
  });
  return { rewritten, skipped };
}

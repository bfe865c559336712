import type { AppContext } from '../../../app-context.ts';
import { type ActorContext, SYSTEM_ACTOR, writeAudit } from '../../../platform/audit/audit.writer.ts';
import type { OrthancReconcileResult } from './orthanc.schemas.ts';
import {
  type OrthancChange,
  type OrthancClient,
  type OrthancClientOptions,
  OrthancError,
  tagText,
} from './orthanc-client.ts';
import {
  eachLimited,
  emptyPull,
  importOrthancInstance,
  noteError,
  PARALLEL_TRANSFERS,
  pullOrthancStudy,
  type TransferCounts,
  tally,
} from './orthanc-import.ts';
import * as repo from './orthanc-links.repository.ts';
import { orthancClientFor } from './orthanc-links.service.ts';

export const ORTHANC_FOLLOW_SCHEDULE = 'imaging.orthanc.follow';
export const ORTHANC_RECONCILE_SCHEDULE = 'imaging.orthanc.reconcile';
const FOLLOW_EVERY_MS = 30_000;
const RECONCILE_EVERY_MS = 3_600_000;
const PAGE = 100;

export type SyncOptions = {
  /** How long one link may take in one tick; what is left waits for the next tick. */
  budgetMs?: number;
  client?: OrthancClientOptions;
};

export type FollowResult = TransferCounts & { lastChange: number; done: boolean };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/** What a link's lastError should say after a tick whose files were handled but not all accepted. */
function refusals(result: TransferCounts): string | null {
  const n = result.refused + result.conflict;
  return n
    ? `${n} instance(s) refused or in conflict; first: ${result.errors[0] ?? ''}`.slice(0, 2000)
    : null;
}

/**
 * One step of following a link's change feed, from its lastChange to the end (or the time budget).
 *
 * It imports each NewInstance rather than each StableStudy: an instance is handled as soon as Orthanc has
 * it (no wait for Orthanc's StableAge), exactly once per arrival, while a study becomes stable again each
 * time an instance is added to it, and would be fetched whole every time. Progress is saved after each
 * page and, on failure, at the last change fully handled, so a crash or an outage resumes without a gap;
 * redoing a change is harmless because ingest recognises a duplicate.
 */
export async function followOrthancLink(
  ctx: AppContext,
  link: repo.OrthancLinkRow,
  options: SyncOptions = {},
): Promise<FollowResult> {
  const client = orthancClientFor(link, options.client);
  const deadline = Date.now() + (options.budgetMs ?? 60_000);
  const { studyUid: _none, ...counts } = emptyPull('');
  const result: FollowResult = { ...counts, lastChange: link.lastChange, done: false };
  let handled = link.lastChange;
  try {
    for (;;) {
      const page = await client.changes(handled, PAGE);
      if (!page.Changes.length && page.Last < handled && handled > 0) {
        // Orthanc's feed is behind ours: its database was replaced. Start over (duplicates are skipped).
        handled = 0;
        continue;
      }
      handled = await importPage(ctx, client, page.Changes, handled, result);
      if (page.Done) handled = Math.max(handled, page.Last);
      await repo.saveProgress(ctx.db, link.id, link.url, handled);
      if (page.Done) {
        result.done = true;
        break;
      }
      if (Date.now() > deadline) break;
    }
  } catch (err) {
    if (err instanceof PageFailure) handled = err.handled;
    await repo.saveProgress(ctx.db, link.id, link.url, handled);
    await repo.recordSync(ctx.db, link.id, messageOf(err));
    throw err instanceof PageFailure ? err.failure : err;
  }
  await repo.recordSync(ctx.db, link.id, refusals(result));
  result.lastChange = handled;
  return result;
}

/**
 * Imports the new instances of one page of changes, a few at a time, and returns the sequence handled: the
 * page's last, or, when some failed, the last one before the first failure (then the failure is thrown).
 */
async function importPage(
  ctx: AppContext,
  client: OrthancClient,
  changes: readonly OrthancChange[],
  handled: number,
  result: TransferCounts,
): Promise<number> {
  const failures = new Map<number, unknown>();
  const arrivals = changes.filter((c) => c.ChangeType === 'NewInstance');
  await eachLimited(arrivals, PARALLEL_TRANSFERS, async (change) => {
    try {
      tally(result, await importOrthancInstance(ctx, client, change.ID, SYSTEM_ACTOR), change.ID);
    } catch (err) {
      failures.set(change.Seq, err);
    }
  });
  if (!failures.size) return changes.at(-1)?.Seq ?? handled;
  const firstFailed = Math.min(...failures.keys());
  const before = changes.filter((c) => c.Seq < firstFailed).at(-1)?.Seq ?? handled;
  throw new PageFailure(before, failures.get(firstFailed));
}

/** A page stopped at a failed import; `handled` is how far it got without a gap. */
class PageFailure extends Error {
  constructor(
    readonly handled: number,
    readonly failure: unknown,
  ) {
    super(messageOf(failure));
  }
}

/**
 * Imports the studies Orthanc holds that this archive does not (changes missed while following was off,
 * or lost from Orthanc's log). A study deleted from Orthanc is not deleted here: deletions never reach this
 * archive, through the feed or through this. A study already here is not compared instance by instance.
 */
export async function reconcileOrthancLink(
  ctx: AppContext,
  link: repo.OrthancLinkRow,
  actor: ActorContext = SYSTEM_ACTOR,
  options: SyncOptions = {},
): Promise<OrthancReconcileResult> {
  const client = orthancClientFor(link, options.client);
  const deadline = Date.now() + (options.budgetMs ?? 300_000);
  const result: OrthancReconcileResult = {
    checked: 0,
    pulled: 0,
    stored: 0,
    refused: 0,
    failed: 0,
    incomplete: false,
    errors: [],
  };
  let failure: unknown;
  try {
    for (let offset = 0; ; offset += PAGE) {
      const page = await client.listStudies(offset, PAGE);
      result.checked += page.length;
      const here = await repo.storedStudyUids(
        ctx.db,
        page.map((s) => tagText(s.MainDicomTags, 'StudyInstanceUID')),
      );
      for (const study of page) {
        if (here.has(tagText(study.MainDicomTags, 'StudyInstanceUID'))) continue;
        const pulled = await pullUnlessGone(ctx, client, study.ID, actor);
        if (!pulled) continue;
        result.pulled++;
        result.stored += pulled.stored;
        result.refused += pulled.refused + pulled.conflict;
        result.failed += pulled.failed;
        for (const e of pulled.errors) noteError(result.errors, e);
      }
      if (page.length < PAGE) break;
      if (Date.now() > deadline) {
        result.incomplete = true;
        break;
      }
    }
  } catch (err) {
    failure = err;
    noteError(result.errors, messageOf(err));
  }
  await repo.recordReconcile(ctx.db, link.id, failure ? messageOf(failure) : null);
  await writeAudit(ctx.db, actor, {
    action: 'imaging.orthanc.reconcile',
    resourceType: 'orthanc-link',
    resourceId: link.id,
    outcome: failure ? 'failed' : 'success',
    details: { url: link.url, ...result },
  });
  if (failure) throw failure;
  return result;
}

/** A study deleted from Orthanc between its listing and its pull is skipped; any other failure stops the run. */
async function pullUnlessGone(
  ctx: AppContext,
  client: OrthancClient,
  orthancId: string,
  actor: ActorContext,
) {
  try {
    return await pullOrthancStudy(ctx, client, orthancId, actor);
  } catch (err) {
    if (err instanceof OrthancError && err.status === 404) return undefined;
    throw err;
  }
}

/** Runs `step` on each link in turn; a link that fails has its lastError set and the others still run. */
async function eachLink(
  ctx: AppContext,
  links: repo.OrthancLinkRow[],
  step: (link: repo.OrthancLinkRow) => Promise<unknown>,
): Promise<void> {
  for (const link of links) {
    try {
      await step(link);
    } catch (err) {
      ctx.log.warn({ orthancLink: link.id, err: messageOf(err) }, 'Orthanc sync failed');
    }
  }
}

export async function followAllOrthancLinks(ctx: AppContext, options: SyncOptions = {}): Promise<void> {
  await eachLink(ctx, await repo.followedLinks(ctx.db), (link) => followOrthancLink(ctx, link, options));
}

/** Reconciles the followed links only: a link that is not followed is browsed and pulled by hand. */
export async function reconcileAllOrthancLinks(ctx: AppContext, options: SyncOptions = {}): Promise<void> {
  await eachLink(ctx, await repo.followedLinks(ctx.db), (link) =>
    reconcileOrthancLink(ctx, link, SYSTEM_ACTOR, options),
  );
}

/** Follow every 30 s and reconcile every hour, each tick on one instance at a time. */
export function scheduleOrthancSync(ctx: AppContext): void {
  ctx.jobs.every(ORTHANC_FOLLOW_SCHEDULE, FOLLOW_EVERY_MS, () => followAllOrthancLinks(ctx));
  ctx.jobs.every(ORTHANC_RECONCILE_SCHEDULE, RECONCILE_EVERY_MS, () => reconcileAllOrthancLinks(ctx));
}

import type { OrthancLink, OrthancLinkInput } from '@carebase/contracts';
import type { AppContext } from '../../../app-context.ts';
import { type ActorContext, writeAudit } from '../../../platform/audit/audit.writer.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { AppError, fieldError } from '../../../platform/errors.ts';
import type { OrthancTestResult } from './orthanc.schemas.ts';
import { createOrthancClient, type OrthancClient, type OrthancClientOptions } from './orthanc-client.ts';
import * as repo from './orthanc-links.repository.ts';

export function toOrthancLink(row: repo.OrthancLinkRow): OrthancLink {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    username: row.username,
    followChanges: row.followChanges,
    passwordSet: row.password !== null && row.password !== '',
    lastChange: row.lastChange,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastError: row.lastError,
  };
}

/** What an audit event may say of a link: never its password, only whether it has one. */
const described = toOrthancLink;

/** The address as stored: parsed, without a trailing slash, and without credentials (they have their fields). */
function checkedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fieldError('body.url', 'is not a valid address');
  }
  if (url.username || url.password)
    throw fieldError('body.url', 'must not carry a user name or password; use their own fields');
  if (url.search || url.hash) throw fieldError('body.url', 'must not carry a query or fragment');
  return url.toString().replace(/\/+$/, '');
}

export function orthancClientFor(row: repo.OrthancLinkRow, options?: OrthancClientOptions): OrthancClient {
  return createOrthancClient({ url: row.url, username: row.username, password: row.password }, options);
}

export async function requireLink(db: Executor, id: string, forUpdate = false): Promise<repo.OrthancLinkRow> {
  const row = await repo.findLink(db, id, forUpdate);
  if (!row) throw new AppError('not_found', 'No Orthanc link has this id.');
  return row;
}

export async function listOrthancLinks(ctx: AppContext): Promise<{ items: OrthancLink[] }> {
  return { items: (await repo.listLinks(ctx.db)).map(toOrthancLink) };
}

export async function createOrthancLink(
  ctx: AppContext,
  actor: ActorContext,
  input: OrthancLinkInput,
): Promise<OrthancLink> {
  const url = checkedUrl(input.url);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertLink(tx, {
      name: input.name,
      url,
      username: input.username,
      password: input.password || null,
      followChanges: input.followChanges,
    });
    await writeAudit(tx, actor, {
      action: 'imaging.orthanc.create',
      resourceType: 'orthanc-link',
      resourceId: row.id,
      details: described(row),
    });
    return toOrthancLink(row);
  });
}

export async function updateOrthancLink(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  input: OrthancLinkInput,
): Promise<OrthancLink> {
  const url = checkedUrl(input.url);
  return ctx.db.transaction(async (tx) => {
    const before = await requireLink(tx, id, true);
    const moved = before.url !== url;
    const row = await repo.updateLink(tx, id, {
      name: input.name,
      url,
      username: input.username,
      followChanges: input.followChanges,
      // Write-only: kept when omitted, cleared with null (or an empty string).
      ...(input.password === undefined ? {} : { password: input.password || null }),
      // Another Orthanc numbers its changes afresh: follow it from its beginning (ingest skips duplicates).
      ...(moved ? { lastChange: 0 } : {}),
    });
    await writeAudit(tx, actor, {
      action: 'imaging.orthanc.update',
      resourceType: 'orthanc-link',
      resourceId: id,
      details: {
        before: described(before),
        after: described(row),
        passwordChanged: input.password !== undefined,
      },
    });
    return toOrthancLink(row);
  });
}

export async function deleteOrthancLink(ctx: AppContext, actor: ActorContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await requireLink(tx, id, true);
    await repo.deleteLink(tx, id);
    await writeAudit(tx, actor, {
      action: 'imaging.orthanc.delete',
      resourceType: 'orthanc-link',
      resourceId: id,
      details: described(before),
    });
  });
}

/** Asks Orthanc who it is: a refusal or an unreachable address is an answer here, not an error. */
export async function testOrthancLink(ctx: AppContext, id: string): Promise<OrthancTestResult> {
  const row = await requireLink(ctx.db, id);
  try {
    const system = await orthancClientFor(row, { timeoutMs: 10_000 }).system();
    return {
      ok: true,
      version: system.Version,
      message: `Connected to Orthanc ${system.Version}${system.Name ? ` (${system.Name})` : ''}.`,
    };
  } catch (err) {
    return { ok: false, version: null, message: err instanceof Error ? err.message : String(err) };
  }
}

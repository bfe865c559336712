import { PATIENT_EXPORT_MAX_ROWS, type PatientExportQuery } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { csvCell } from '../audit/audit.service.ts';
import * as repo from './patients-export.repository.ts';
import type * as searchRepo from './patients-search.repository.ts';
import { type Found, type Plan, planSearch, runPlan } from './patients-search.service.ts';

/** How an export pages: rows per round trip, and where it stops. Tests make them small. */
export type ExportLimits = { chunk: number; maxRows: number };
const LIMITS: ExportLimits = { chunk: 1000, maxRows: PATIENT_EXPORT_MAX_ROWS };

const HEADER = [
  'MRN',
  'Family name',
  'Given name',
  'Middle name',
  'Birth date',
  'Sex',
  'Phone',
  'Email',
  'Identifiers',
  'Created at',
];

export type PatientCsv = { filename: string; lines: AsyncGenerator<string> };

type Search = { plan: Plan; filters: searchRepo.SearchFilters };

function clinicDate(timeZone: string, now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

async function csvOf(ctx: AppContext, rows: Found['rows']): Promise<string> {
  const ids = rows.map((r) => r.id);
  const details = new Map((await repo.exportDetailsOf(ctx.db, ids)).map((d) => [d.id, d]));
  const identifiers = new Map<string, string[]>();
  for (const i of await repo.identifiersOfPatients(ctx.db, ids))
    identifiers.set(i.patientId, [...(identifiers.get(i.patientId) ?? []), `${i.type}:${i.value}`]);
  let text = '';
  for (const r of rows) {
    const d = details.get(r.id);
    const cells = [
      r.mrn,
      r.familyName,
      r.givenName,
      r.middleName,
      r.birthDate,
      r.sex,
      r.phone,
      d?.email,
      identifiers.get(r.id)?.join('; '),
      d?.createdAt.toISOString(),
    ];
    text += `${cells.map(csvCell).join(',')}\r\n`;
  }
  return text;
}

/**
 * Yields the CSV chunk by chunk, reading page after page from the first, so a large export never sits in
 * memory whole. The audit event is written when the stream ends, with the number of rows sent, also when
 * the client goes away midway (the stream is then destroyed, which runs `finally`).
 */
async function* csvLines(
  ctx: AppContext,
  actor: ActorContext,
  query: PatientExportQuery,
  search: Search,
  first: Found,
  { chunk, maxRows }: ExportLimits,
): AsyncGenerator<string> {
  let rowCount = 0;
  let complete = false;
  let truncated = false;
  try {
    yield `\uFEFF${HEADER.join(',')}\r\n`;
    let found = first;
    for (;;) {
      const text = found.rows.length ? await csvOf(ctx, found.rows) : '';
      rowCount += found.rows.length;
      if (text) yield text;
      if (!found.next) break;
      // Each page asks at most for what the limit leaves: a next cursor at the limit means rows were left out.
      if (rowCount >= maxRows) {
        truncated = true;
        break;
      }
      found = await runPlan(
        ctx.db,
        search.plan,
        search.filters,
        { ...query, limit: Math.min(chunk, maxRows - rowCount) },
        found.next,
      );
    }
    complete = true;
  } finally {
    await writeAudit(ctx.db, actor, {
      action: 'patient.export',
      resourceType: 'patient',
      outcome: complete ? 'success' : 'failed',
      details: { query, rowCount, truncated },
    });
  }
}

/**
 * The patients a search finds, as CSV (patients:read). The query is checked, and its first page read, before
 * the response starts: bad filters, or text the database refuses, get a 400 naming the field like the search.
 */
export async function exportPatientsCsv(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  query: PatientExportQuery,
  limits: ExportLimits = LIMITS,
  now = new Date(),
): Promise<PatientCsv> {
  if (!principal.permissions.includes('patients:read'))
    throw new AppError('forbidden', 'This needs the patients:read permission.');
  // The audit event, written after the last row, could not store a NUL either: refuse it while a 400 can still be sent.
  for (const [key, value] of Object.entries(query))
    if (typeof value === 'string' && value.includes('\u0000'))
      throw fieldError(`query.${key}`, 'must not contain NUL characters');
  const first = { ...query, limit: Math.min(limits.chunk, limits.maxRows) };
  const search = await planSearch(ctx, first);
  const firstPage = await runPlan(ctx.db, search.plan, search.filters, first, undefined);
  const { settings } = await ctx.settings.get(ctx.db);
  return {
    filename: `patients-${clinicDate(settings.timeZone, now)}.csv`,
    lines: csvLines(ctx, actor, query, search, firstPage, limits),
  };
}

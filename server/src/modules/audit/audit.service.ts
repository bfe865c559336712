import type { AuditEvent, AuditQuerySchema } from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { auditEvents } from '../../platform/audit/audit.schema.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { countAudit, queryAudit } from './audit.repository.ts';

type Query = z.infer<typeof AuditQuerySchema>;

function toEvent(row: typeof auditEvents.$inferSelect): AuditEvent {
  const { prevHash: _p, ...rest } = row;
  return { ...rest, at: new Date(row.at).toISOString(), outcome: row.outcome };
}

export async function listAudit(ctx: AppContext, q: Query) {
  const { page, pageSize, ...filter } = q;
  const [rows, total] = await Promise.all([
    queryAudit(ctx.db, filter, pageSize, (page - 1) * pageSize),
    countAudit(ctx.db, filter),
  ]);
  return { items: rows.map(toEvent), total, page, pageSize };
}

export const CSV_EXPORT_LIMIT = 100_000;
const COLUMNS = [
  'id',
  'at',
  'actorId',
  'actorEmail',
  'action',
  'resourceType',
  'resourceId',
  'patientId',
  'outcome',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'hash',
] as const;

export function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Yields CSV lines page by page, so a large export never sits in memory whole. */
export async function* exportAuditCsv(
  ctx: AppContext,
  actor: ActorContext,
  q: Query,
): AsyncGenerator<string> {
  const { page: _page, pageSize: _size, ...filter } = q;
  await writeAudit(ctx.db, actor, {
    action: 'audit.export',
    resourceType: 'audit_events',
    details: { filter },
  });
  yield `${COLUMNS.join(',')}\n`;
  const chunk = 2000;
  for (let offset = 0; offset < CSV_EXPORT_LIMIT; offset += chunk) {
    const rows = await queryAudit(ctx.db, filter, chunk, offset);
    for (const row of rows) {
      const event = toEvent(row);
      yield `${COLUMNS.map((c) => csvCell(event[c])).join(',')}\n`;
    }
    if (rows.length < chunk) return;
  }
}

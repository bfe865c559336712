import type { Activity } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';

const HOURS = { day: 24, week: 7 * 24 } as const;

const SIGN_IN = 'auth.login';
const SIGN_OUT = 'auth.logout';
/**
 * Actions that read rather than change: what the read audits write (`<what>.read` of a patient's record,
 * lists and searches, documents rendered, exports, downloads, checks and verifications). A read naming a
 * patient is a record opened.
 */
export const READ_ACTION = String.raw`\.(read|list|search|pdf|receipt|export|download|check|verify)$|\.list_`;

/**
 * The audit trail counted per hour (UTC), every hour of the range present, the current one last. One
 * grouped statement over the range only, which the index on audit_events.at serves however long the trail.
 */
export async function auditActivity(ex: Executor, range: Activity['range']): Promise<Activity> {
  // Hours as UTC timestamps without zone. Written inline rather than in a CTE, so the planner sees the lower
  // bound and estimates the index scan from it (a bound from a subquery is guessed at a third of the table).
  const last = sql`date_trunc('hour', now() AT TIME ZONE 'UTC')`;
  const first = sql`(${last} - make_interval(hours => ${HOURS[range] - 1}))`;
  const rows = await queryRows<{
    ms: number;
    signIns: number;
    recordsOpened: number;
    changes: number;
    denied: number;
  }>(
    ex,
    sql`WITH counted AS (
          SELECT date_trunc('hour', at AT TIME ZONE 'UTC') AS hour,
            count(*) FILTER (WHERE outcome = 'success' AND action = ${SIGN_IN}) AS sign_ins,
            count(*) FILTER (WHERE outcome = 'success' AND patient_id IS NOT NULL AND action ~ ${READ_ACTION}) AS opened,
            count(*) FILTER (WHERE outcome = 'success' AND action NOT IN (${SIGN_IN}, ${SIGN_OUT})
              AND action !~ ${READ_ACTION}) AS changes,
            count(*) FILTER (WHERE outcome = 'denied' OR (outcome = 'failed' AND action = ${SIGN_IN})) AS denied
          FROM audit_events
          WHERE at >= ${first} AT TIME ZONE 'UTC'
          GROUP BY 1
        )
        SELECT (extract(epoch FROM g.h) * 1000)::float8 AS ms, coalesce(c.sign_ins, 0)::int AS "signIns",
          coalesce(c.opened, 0)::int AS "recordsOpened", coalesce(c.changes, 0)::int AS changes,
          coalesce(c.denied, 0)::int AS denied
        FROM generate_series(${first}, ${last}, interval '1 hour') AS g(h)
        LEFT JOIN counted c ON c.hour = g.h
        ORDER BY g.h`,
  );
  const totals = { signIns: 0, recordsOpened: 0, changes: 0, denied: 0 };
  const hours = rows.map(({ ms, ...counts }) => {
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += counts[k];
    return { at: new Date(Number(ms)).toISOString(), ...counts };
  });
  return { range, hours, totals };
}

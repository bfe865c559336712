import { type Executor, preparedStatement } from '../../platform/db/database.ts';
import { EVENTS_CHANNEL, type EventInput, eventPayloads } from '../../platform/events/events.publisher.ts';

/** What a payment's number is until its receipt is numbered: never shown, and never a receipt number. */
export const pendingNumber = (paymentId: string) => `pending-${paymentId}`;
export const isPendingNumber = (number: string) => number.startsWith('pending-');

/**
 * Numbers every payment still pending, in the order they were received, with one take of the receipt counter
 * (RCT-<clinic's local year>-<n>; no gaps, no repeats), answers the numbers of the payments asked for
 * (whether numbered now or before) as JSON, and sends the payments' events ($2). A payment being numbered by
 * another statement meanwhile is left to it.
 *
 * The events go out here rather than with each payment's write because PostgreSQL takes one lock for all
 * notifying transactions from their NOTIFY to the end of their commit: payments notifying one by one would
 * commit one at a time.
 */
const numberPending = preparedStatement<{ numbers: { id: string; number: string }[] }>(
  'number_pending_receipts',
  `with pending as (
     select id, received_at from payments where number like 'pending-%'
     order by received_at, id for update
   ),
   ordered as (select id, row_number() over (order by received_at, id) as n, count(*) over () as total from pending),
   counter as (
     insert into billing_counters (series, year, last)
     select 'RCT', extract(year from now() at time zone carebase_clinic_time_zone())::int, count(*) from pending
     having count(*) > 0
     on conflict on constraint billing_counters_series_year_pk
       do update set last = billing_counters.last + excluded.last
     returning year, last
   ),
   numbered as (
     update payments p
     set number = 'RCT-' || c.year || '-' || lpad((c.last - o.total + o.n)::text,
                                                   greatest(6, length((c.last - o.total + o.n)::text)), '0')
     from ordered o, counter c
     where p.id = o.id
     returning p.id, p.number
   ),
   answer as (
     select id, number from numbered where id = any($1::uuid[])
     union all
     select id, number from payments
     where id = any($1::uuid[]) and number not like 'pending-%' and id not in (select id from numbered)
   ),
   notified as (select count(pg_notify('${EVENTS_CHANNEL}', e)) from unnest($2::text[]) e)
   select (select coalesce(json_agg(answer), '[]') from answer) as numbers, (select * from notified) as notified`,
);

/**
 * Numbers the pending receipts (numberPending), sends `events`, and answers the numbers of `ids`. A payment
 * that another statement was numbering as this one began is read once that has committed.
 */
export async function numberReceipts(
  db: Executor,
  ids: readonly string[],
  events: readonly EventInput[] = [],
): Promise<Map<string, string>> {
  const numbered = async (of: readonly string[], payloads: string[]) =>
    ((await numberPending(db, [of, payloads]))[0]?.numbers ?? []).map((r) => [r.id, r.number] as const);
  const numbers = new Map(await numbered(ids, eventPayloads(events)));
  const missing = ids.filter((id) => !numbers.has(id));
  if (missing.length > 0) for (const [id, number] of await numbered(missing, [])) numbers.set(id, number);
  return numbers;
}

type Waiting = {
  id: string;
  events: readonly EventInput[];
  resolve: (number: string) => void;
  reject: (err: unknown) => void;
};
type Batcher = { waiting: Waiting[]; running: boolean };
const batchers = new WeakMap<object, Batcher>();

/**
 * The receipt number of a payment that has just committed, its events sent. Payments that commit while a
 * batch is being numbered wait for the next, so the counter is taken once per batch, by one short statement,
 * rather than held by every payment through its commit.
 */
export function receiptNumber(
  db: Executor,
  paymentId: string,
  events: readonly EventInput[] = [],
): Promise<string> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = { waiting: [], running: false };
    batchers.set(db, batcher);
  }
  const own = batcher;
  const number = new Promise<string>((resolve, reject) => {
    own.waiting.push({ id: paymentId, events, resolve, reject });
  });
  if (!own.running) {
    own.running = true;
    void numberBatches(db, own);
  }
  return number;
}

async function numberBatches(db: Executor, batcher: Batcher): Promise<void> {
  while (batcher.waiting.length > 0) {
    const batch = batcher.waiting.splice(0);
    try {
      const numbers = await numberReceipts(
        db,
        batch.map((w) => w.id),
        batch.flatMap((w) => w.events),
      );
      for (const w of batch) {
        const number = numbers.get(w.id);
        if (number) w.resolve(number);
        else w.reject(new Error(`payment ${w.id} was not found to number`));
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
  batcher.running = false;
}

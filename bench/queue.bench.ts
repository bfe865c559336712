/**
 * Live queue benchmark: `npm run bench:queue` (options as environment variables).
 *
 *   BENCH_DATABASE_URL  PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a fresh
 *                       database is created there and dropped at the end
 *   BENCH_SOCKETS       WebSocket clients, spread over the instances (default 200)
 *   BENCH_INSTANCES     server processes on the one database (default 2)
 *   BENCH_CHECKINS      measured check-ins (default 100, after 10 warm-up)
 *   BENCH_CONTENDERS    parallel bookings fired at each contested slot (default 20)
 *
 * Starts the servers as a user would (`carebase start`), connects the sockets to /api/events with an API
 * token, and times each check-in (a walk-in ticket, posted to the instances in turn) from the request to
 * its queue.changed event on every socket. Then measures booking: many bookings racing for the same slots
 * (exactly one may win each), and bookings of distinct slots.
 */
import { api, type BenchCluster, percentile, startCluster } from './bench-servers.ts';
import { measureBooking } from './queue-booking.ts';
import { allArrived, connectClient, type EventClient } from './queue-sockets.ts';

const env = process.env;
const int = (value: string | undefined, fallback: number) => (value ? Number.parseInt(value, 10) : fallback);
const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : ms.toFixed(1));

async function registerPatients(cluster: BenchCluster, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { body } = await api<{ id: string }>(cluster.urls[0]!, cluster.token, 'POST', '/api/patients', {
      givenName: 'Bench',
      familyName: `Queue${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}`,
      sex: i % 2 ? 'female' : 'male',
      birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      confirmDuplicate: true,
    });
    ids.push(body.id);
  }
  return ids;
}

async function measureCheckIns(cluster: BenchCluster, clients: EventClient[], patients: string[], n: number) {
  const latencies: number[] = [];
  const requestMs: number[] = [];
  let lost = 0;
  for (let i = 0; i < n; i++) {
    const base = cluster.urls[i % cluster.urls.length]!;
    const started = performance.now();
    const { body } = await api<{ id: string }>(base, cluster.token, 'POST', '/api/queue/walk-in', {
      patientId: patients[i % patients.length],
      departmentKey: 'general',
      priority: 'normal',
    });
    requestMs.push(performance.now() - started);
    await allArrived(clients, body.id, 5000);
    for (const c of clients) {
      const at = c.arrivals.get(body.id);
      if (at === undefined) lost++;
      else latencies.push(at - started);
    }
  }
  return { latencies: latencies.sort((a, b) => a - b), requestMs: requestMs.sort((a, b) => a - b), lost };
}

async function main() {
  const serverUrl = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const sockets = int(env.BENCH_SOCKETS, 200);
  const instances = int(env.BENCH_INSTANCES, 2);
  const checkIns = int(env.BENCH_CHECKINS, 100);
  const contenders = int(env.BENCH_CONTENDERS, 20);
  console.log(`Starting ${instances} server processes on a fresh PostgreSQL database…`);
  const cluster = await startCluster(serverUrl, instances);
  try {
    const patients = await registerPatients(cluster, Math.max(200, contenders * 10));
    const clients = await Promise.all(
      Array.from({ length: sockets }, (_, i) => connectClient(cluster.urls[i % instances]!, cluster.token)),
    );
    await measureCheckIns(cluster, clients, patients, 10);
    const figures = await measureCheckIns(cluster, clients, patients, checkIns);
    for (const c of clients) c.socket.close();
    const booking = await measureBooking(cluster, patients, contenders);

    console.log('');
    console.log(`Live queue benchmark: ${instances} instances on one PostgreSQL, ${sockets} sockets`);
    console.log(
      `check-in → queue.changed on every socket (${checkIns} check-ins, ${figures.latencies.length} deliveries)`,
    );
    console.log(
      `  p50 ${fmt(percentile(figures.latencies, 50))} ms  p99 ${fmt(percentile(figures.latencies, 99))} ms  max ${fmt(figures.latencies.at(-1) ?? Number.NaN)} ms  lost ${figures.lost}  (target p99 ≤ 100 ms: ${percentile(figures.latencies, 99) <= 100 && figures.lost === 0 ? 'met' : 'MISSED'})`,
    );
    console.log(
      `  the check-in request itself: p50 ${fmt(percentile(figures.requestMs, 50))} ms  p99 ${fmt(percentile(figures.requestMs, 99))} ms`,
    );
    console.log(
      `booking under contention: ${booking.contested.slots} slots × ${contenders} parallel attempts: ${booking.contested.won} booked, ${booking.contested.refused} refused with 409, ${booking.contested.other} other; ${booking.contested.attemptsPerSecond.toFixed(0)} attempts/s`,
    );
    console.log(
      `booking distinct slots: ${booking.distinct.booked} bookings at concurrency ${booking.distinct.concurrency}: ${booking.distinct.perSecond.toFixed(0)} bookings/s, p50 ${fmt(booking.distinct.p50)} ms, p99 ${fmt(booking.distinct.p99)} ms`,
    );
  } finally {
    await cluster.close();
  }
}

await main();

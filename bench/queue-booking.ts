import { api, type BenchCluster, percentile } from './bench-servers.ts';

export type BookingFigures = {
  contested: { slots: number; won: number; refused: number; other: number; attemptsPerSecond: number };
  distinct: { booked: number; concurrency: number; perSecond: number; p50: number; p99: number };
};

const SLOT_MINUTES = 15;

/** A doctor working every day around the clock, and a 15-minute service, so any future quarter hour is bookable. */
export async function bookableDoctor(
  cluster: BenchCluster,
): Promise<{ providerId: string; serviceId: string }> {
  const [base, token] = [cluster.urls[0]!, cluster.token];
  const { body: doctor } = await api<{ id: string }>(base, token, 'POST', '/api/users', {
    email: 'bench-doctor@example.org',
    name: 'Dr Bench',
    roles: ['doctor'],
    password: 'bench doctor password long enough',
  });
  const rules = Array.from({ length: 7 }, (_, weekday) => ({
    kind: 'work',
    weekday,
    startTime: '00:00',
    endTime: '24:00',
  }));
  await api(base, token, 'PUT', `/api/providers/${doctor.id}/schedule`, { rules });
  const { body: service } = await api<{ id: string }>(base, token, 'POST', '/api/services', {
    name: 'Bench consultation',
    departmentKey: 'general',
    durationMinutes: SLOT_MINUTES,
    providerIds: [doctor.id],
  });
  return { providerId: doctor.id, serviceId: service.id };
}

function slotStart(dayOffset: number, index: number): string {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  return new Date(day.getTime() + dayOffset * 86_400_000 + index * SLOT_MINUTES * 60_000).toISOString();
}

async function book(base: string, token: string, body: Record<string, unknown>) {
  const started = performance.now();
  const res = await fetch(`${base}/api/appointments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

/** Races `contenders` bookings (different patients, both instances) for each of several slots, then books distinct ones. */
export async function measureBooking(
  cluster: BenchCluster,
  patients: string[],
  contenders: number,
): Promise<BookingFigures> {
  const { providerId, serviceId } = await bookableDoctor(cluster);
  const slots = 10;
  let won = 0;
  let refused = 0;
  let other = 0;
  const contestedStart = performance.now();
  for (let s = 0; s < slots; s++) {
    const results = await Promise.all(
      Array.from({ length: contenders }, (_, c) =>
        book(cluster.urls[c % cluster.urls.length]!, cluster.token, {
          patientId: patients[(s * contenders + c) % patients.length],
          providerId,
          serviceId,
          startsAt: slotStart(2, s),
        }),
      ),
    );
    for (const r of results) {
      if (r.status === 201) won++;
      else if (r.status === 409) refused++;
      else other++;
    }
  }
  const contestedSeconds = (performance.now() - contestedStart) / 1000;

  const concurrency = 8;
  const total = 200;
  const times: number[] = [];
  let next = 0;
  const distinctStart = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < total) {
        const i = next++;
        const r = await book(cluster.urls[worker % cluster.urls.length]!, cluster.token, {
          patientId: patients[i % patients.length],
          providerId,
          serviceId,
          startsAt: slotStart(3 + Math.floor(i / 90), i % 90),
        });
        if (r.status === 201) times.push(r.ms);
        else other++;
      }
    }),
  );
  const distinctSeconds = (performance.now() - distinctStart) / 1000;
  times.sort((a, b) => a - b);
  return {
    contested: { slots, won, refused, other, attemptsPerSecond: (slots * contenders) / contestedSeconds },
    distinct: {
      booked: times.length,
      concurrency,
      perSecond: times.length / distinctSeconds,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
    },
  };
}

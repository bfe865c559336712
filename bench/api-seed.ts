import { api, type BenchCluster } from './bench-servers.ts';
import type { LoadRequest } from './load.ts';
import { bookableDoctor } from './queue-booking.ts';

export type Seeded = { patients: string[]; dayFrom: string; dayTo: string };

const letters = (i: number) =>
  String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + (Math.floor(i / 26) % 26));

function newPatient(i: number) {
  return {
    givenName: `Api${letters(i)}`,
    familyName: `Bench${letters(i * 7)}`,
    sex: i % 2 ? 'female' : 'male',
    birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
    phone: `+1201555${String(1000 + (i % 9000))}`,
    allergies: i % 3 ? [] : [{ substance: 'Penicillin', reaction: 'rash', severity: 'moderate' }],
    // Identifiers are unique: only the seeded patients carry one (the mixed load registers the same bodies again).
    identifiers: i < 100_000 ? [{ type: 'national', value: `B${100_000 + i}` }] : [],
    confirmDuplicate: true,
  };
}

/** Patients (some with allergies and an identifier), a doctor with a day of appointments, and a queue. */
export async function seed(cluster: BenchCluster, count: number): Promise<Seeded> {
  const [base, token] = [cluster.urls[0]!, cluster.token];
  const patients: string[] = [];
  for (let i = 0; i < count; i++) {
    const { body } = await api<{ id: string }>(base, token, 'POST', '/api/patients', newPatient(i));
    patients.push(body.id);
  }
  const { providerId, serviceId } = await bookableDoctor(cluster);
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  const dayFrom = new Date(day.getTime() + 86_400_000).toISOString();
  for (let i = 0; i < Math.min(60, count); i++) {
    await api(base, token, 'POST', '/api/appointments', {
      patientId: patients[i],
      providerId,
      serviceId,
      startsAt: new Date(day.getTime() + 86_400_000 + i * 15 * 60_000).toISOString(),
    });
  }
  for (let i = 0; i < Math.min(30, count); i++) {
    await api(base, token, 'POST', '/api/queue/walk-in', {
      patientId: patients[count - 1 - i],
      departmentKey: 'general',
    });
  }
  return { patients, dayFrom, dayTo: new Date(day.getTime() + 2 * 86_400_000).toISOString() };
}

/** Reads of single patients, cycling through all of them. */
export function patientReads(seeded: Seeded): LoadRequest[] {
  return seeded.patients.map((id) => ({ method: 'GET', path: `/api/patients/${id}` }));
}

/**
 * 70 % reads (patients 40, a day of appointments 15, the live queue 15) and 30 % writes (vitals 15, a patient's
 * contact details 10, a new registration 5), shuffled, over `rounds` × 20 requests.
 */
export function mixedLoad(seeded: Seeded, rounds: number): LoadRequest[] {
  const list: LoadRequest[] = [];
  const p = (i: number) => seeded.patients[i % seeded.patients.length]!;
  const appointments = `/api/appointments?from=${encodeURIComponent(seeded.dayFrom)}&to=${encodeURIComponent(seeded.dayTo)}`;
  for (let r = 0; r < rounds; r++) {
    const round: LoadRequest[] = [];
    for (let k = 0; k < 8; k++) round.push({ method: 'GET', path: `/api/patients/${p(r * 8 + k)}` });
    for (let k = 0; k < 3; k++) round.push({ method: 'GET', path: appointments });
    for (let k = 0; k < 3; k++) round.push({ method: 'GET', path: '/api/queue?department=general' });
    for (let k = 0; k < 3; k++) {
      const vitals = { systolic: 110 + ((r + k) % 30), diastolic: 70 + (r % 15), heartRate: 60 + (k % 30) };
      round.push({
        method: 'POST',
        path: `/api/patients/${p(r * 3 + k)}/vitals`,
        body: JSON.stringify(vitals),
      });
    }
    for (let k = 0; k < 2; k++) {
      const contact = { email: `patient${(r * 2 + k) % 997}@example.org` };
      round.push({ method: 'PATCH', path: `/api/patients/${p(r * 5 + k)}`, body: JSON.stringify(contact) });
    }
    round.push({ method: 'POST', path: '/api/patients', body: JSON.stringify(newPatient(100_000 + r)) });
    list.push(...round);
  }
  // A fixed shuffle: the same mix in the same order on every run.
  let seed = 42;
  for (let i = list.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

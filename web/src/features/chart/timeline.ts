import type {
  Allergy,
  Attachment,
  Certificate,
  Condition,
  EncounterSummary,
  Prescription,
  Vitals,
} from '@carebase/contracts';
import { zonedParts } from '../../lib/format.ts';

export type TimelineEvent =
  | { kind: 'encounter'; id: string; at: string; encounter: EncounterSummary }
  | {
      kind: 'diagnosis';
      id: string;
      at: string;
      encounter: EncounterSummary;
      code: string;
      description: string;
      descriptionEs: string | null;
    }
  | { kind: 'vitals'; id: string; at: string; vitals: Vitals }
  | { kind: 'prescription'; id: string; at: string; prescription: Prescription }
  | { kind: 'file'; id: string; at: string; attachment: Attachment }
  | { kind: 'certificate'; id: string; at: string; certificate: Certificate }
  | { kind: 'allergy'; id: string; at: string; allergy: Allergy }
  | { kind: 'condition'; id: string; at: string; condition: Condition };

export type TimelineKind = TimelineEvent['kind'];
export const TIMELINE_KINDS: readonly TimelineKind[] = [
  'encounter',
  'diagnosis',
  'vitals',
  'prescription',
  'file',
  'certificate',
  'allergy',
  'condition',
];

export interface TimelineSources {
  encounters?: readonly EncounterSummary[];
  vitals?: readonly Vitals[];
  prescriptions?: readonly Prescription[];
  attachments?: readonly Attachment[];
  certificates?: readonly Certificate[];
  allergies?: readonly Allergy[];
  conditions?: readonly Condition[];
}

/** Everything that happened in the record, one event per item, newest first. */
export function timelineEvents(sources: TimelineSources): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const encounter of sources.encounters ?? []) {
    events.push({ kind: 'encounter', id: `encounter-${encounter.id}`, at: encounter.startedAt, encounter });
    if (encounter.primaryDiagnosis) {
      events.push({
        kind: 'diagnosis',
        id: `diagnosis-${encounter.id}`,
        at: encounter.startedAt,
        encounter,
        ...encounter.primaryDiagnosis,
      });
    }
  }
  for (const vitals of sources.vitals ?? [])
    events.push({ kind: 'vitals', id: `vitals-${vitals.id}`, at: vitals.takenAt, vitals });
  for (const prescription of sources.prescriptions ?? [])
    events.push({
      kind: 'prescription',
      id: `rx-${prescription.id}`,
      at: prescription.createdAt,
      prescription,
    });
  for (const attachment of sources.attachments ?? [])
    events.push({ kind: 'file', id: `file-${attachment.id}`, at: attachment.createdAt, attachment });
  for (const certificate of sources.certificates ?? [])
    events.push({
      kind: 'certificate',
      id: `cert-${certificate.id}`,
      at: certificate.createdAt,
      certificate,
    });
  for (const allergy of sources.allergies ?? [])
    events.push({ kind: 'allergy', id: `allergy-${allergy.id}`, at: allergy.recordedAt, allergy });
  for (const condition of sources.conditions ?? [])
    events.push({ kind: 'condition', id: `condition-${condition.id}`, at: condition.recordedAt, condition });
  const rank = (kind: TimelineKind) => TIMELINE_KINDS.indexOf(kind);
  return events.sort((a, b) => {
    const byTime = Date.parse(b.at) - Date.parse(a.at);
    if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
    return rank(a.kind) - rank(b.kind) || a.id.localeCompare(b.id);
  });
}

export interface TimelineDay {
  /** YYYY-MM-DD on the clinic's calendar. */
  day: string;
  events: TimelineEvent[];
}

/** The events grouped by the clinic's calendar day, newest day first (the events keep their order). */
export function groupByDay(events: readonly TimelineEvent[], timeZone: string): TimelineDay[] {
  const days: TimelineDay[] = [];
  for (const event of events) {
    const p = zonedParts(new Date(event.at), timeZone);
    const day = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    const last = days[days.length - 1];
    if (last && last.day === day) last.events.push(event);
    else days.push({ day, events: [event] });
  }
  return days;
}

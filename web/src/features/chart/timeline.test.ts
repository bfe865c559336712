import type { Allergy, Attachment, EncounterSummary, Vitals } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { groupByDay, timelineEvents } from './timeline.ts';

const ID = '3f2b8c1e-1111-4222-8333-444455556666';

const encounter = (id: string, startedAt: string, withDx = false): EncounterSummary => ({
  id,
  patientId: ID,
  type: 'consultation',
  status: 'signed',
  providerId: ID,
  providerName: 'Dr. Ruiz',
  startedAt,
  chiefComplaint: null,
  primaryDiagnosis: withDx ? { code: 'J02.9', description: 'Acute pharyngitis', descriptionEs: null } : null,
  signedBy: null,
  signedByName: null,
  signedAt: null,
  createdAt: startedAt,
  updatedAt: startedAt,
});

const vitals = (id: string, takenAt: string) => ({ id, takenAt }) as Vitals;
const file = (id: string, createdAt: string) => ({ id, createdAt }) as Attachment;
const allergy = (id: string, recordedAt: string) => ({ id, recordedAt }) as Allergy;

describe('timelineEvents', () => {
  it('merges every source newest first, a diagnosis next to its encounter', () => {
    const events = timelineEvents({
      encounters: [encounter('e1', '2024-05-01T15:00:00Z', true), encounter('e2', '2024-03-01T10:00:00Z')],
      vitals: [vitals('v1', '2024-05-01T15:05:00Z')],
      attachments: [file('f1', '2024-04-10T09:00:00Z')],
      allergies: [allergy('a1', '2024-01-02T09:00:00Z')],
    });
    expect(events.map((e) => e.id)).toEqual([
      'vitals-v1',
      'encounter-e1',
      'diagnosis-e1',
      'file-f1',
      'encounter-e2',
      'allergy-a1',
    ]);
  });

  it('is empty without sources', () => {
    expect(timelineEvents({})).toEqual([]);
  });
});

describe('groupByDay', () => {
  it('groups by the clinic calendar day, not the UTC one', () => {
    const events = timelineEvents({
      vitals: [
        vitals('late', '2024-05-02T03:00:00Z'),
        vitals('early', '2024-05-01T15:00:00Z'),
        vitals('old', '2024-04-30T12:00:00Z'),
      ],
    });
    const days = groupByDay(events, 'America/Mexico_City');
    expect(days.map((d) => [d.day, d.events.map((e) => e.id)])).toEqual([
      ['2024-05-01', ['vitals-late', 'vitals-early']],
      ['2024-04-30', ['vitals-old']],
    ]);
    expect(groupByDay(events, 'UTC').map((d) => d.day)).toEqual(['2024-05-02', '2024-05-01', '2024-04-30']);
  });
});

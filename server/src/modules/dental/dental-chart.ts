import {
  type DentalCondition,
  type DentalPlanTotals,
  type DentalProcedureStatus,
  type DentalToothState,
  SURFACES,
  type Surface,
} from '@carebase/contracts';

export type ChartEntryFacts = {
  id: string;
  seq: number;
  tooth: number;
  surfaces: Surface[];
  condition: DentalCondition;
  recordedAt: Date;
};

type ToothState = {
  conditions: DentalCondition[];
  surfaces: Map<Surface, { condition: DentalCondition; entryId: string; recordedAt: Date }>;
  updatedAt: Date;
};

const ABSENT: readonly DentalCondition[] = ['missing', 'extracted'];

/** How a whole-tooth recording changes the tooth's conditions and whether its surfaces still count. */
function applyWholeTooth(state: ToothState, condition: DentalCondition): void {
  const without = (drop: readonly DentalCondition[]) => state.conditions.filter((c) => !drop.includes(c));
  switch (condition) {
    case 'healthy':
      state.conditions = [];
      state.surfaces.clear();
      return;
    case 'missing':
    case 'extracted':
      // The tooth is gone: nothing recorded on it before still describes the mouth.
      state.conditions = [condition];
      state.surfaces.clear();
      return;
    case 'implant':
      state.conditions = [...without([...ABSENT, 'root_canal', 'implant']), 'implant'];
      state.surfaces.clear();
      return;
    case 'crown':
      // A crown covers every surface; an implant or root canal under it stays.
      state.conditions = [...without([...ABSENT, 'crown']), 'crown'];
      state.surfaces.clear();
      return;
    case 'bridge':
      // A bridge spans a gap (pontic over a missing tooth) or rests on an abutment: both stay as recorded.
      state.conditions = [...without(['bridge']), 'bridge'];
      return;
    default:
      state.conditions = [...without([...ABSENT, condition]), condition];
  }
}

/**
 * The odontogram now, from the append-only history: the latest recording wins per surface, a whole-tooth
 * recording supersedes what it makes meaningless (an extraction clears the surfaces, `healthy` clears all).
 */
export function currentChart(entries: readonly ChartEntryFacts[]): DentalToothState[] {
  const teeth = new Map<number, ToothState>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    let state = teeth.get(e.tooth);
    if (!state) {
      state = { conditions: [], surfaces: new Map(), updatedAt: e.recordedAt };
      teeth.set(e.tooth, state);
    }
    state.updatedAt = e.recordedAt;
    if (e.surfaces.length === 0) {
      applyWholeTooth(state, e.condition);
      continue;
    }
    // Something recorded on a surface means the tooth is there.
    state.conditions = state.conditions.filter((c) => !ABSENT.includes(c));
    for (const surface of e.surfaces) {
      if (e.condition === 'healthy') state.surfaces.delete(surface);
      else state.surfaces.set(surface, { condition: e.condition, entryId: e.id, recordedAt: e.recordedAt });
    }
  }
  return [...teeth.entries()]
    .filter(([, s]) => s.conditions.length > 0 || s.surfaces.size > 0)
    .sort(([a], [b]) => a - b)
    .map(([tooth, s]) => ({
      tooth,
      conditions: s.conditions,
      surfaces: SURFACES.flatMap((surface) => {
        const found = s.surfaces.get(surface);
        return found
          ? [
              {
                surface,
                condition: found.condition,
                entryId: found.entryId,
                recordedAt: found.recordedAt.toISOString(),
              },
            ]
          : [];
      }),
      updatedAt: s.updatedAt.toISOString(),
    }));
}

/** Plan money and progress: cancelled procedures count for nothing; unpriced ones are counted apart. */
export function planTotals(
  procedures: readonly { status: DentalProcedureStatus; cost: number | null }[],
): DentalPlanTotals {
  const counts = { planned: 0, in_progress: 0, done: 0, cancelled: 0 };
  let total = 0;
  let done = 0;
  let unpriced = 0;
  for (const p of procedures) {
    counts[p.status] += 1;
    if (p.status === 'cancelled') continue;
    if (p.cost === null) {
      unpriced += 1;
      continue;
    }
    total += p.cost;
    if (p.status === 'done') done += p.cost;
  }
  return { total, done, remaining: total - done, unpriced, counts };
}

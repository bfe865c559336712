import { z } from 'zod';
import { IsoDateTimeSchema, requireChange } from './common.ts';

/** FDI (ISO 3950) tooth numbers: quadrant digit, then position from the midline. */
export const PERMANENT_TEETH = [1, 2, 3, 4].flatMap((q) => [1, 2, 3, 4, 5, 6, 7, 8].map((p) => q * 10 + p));
export const PRIMARY_TEETH = [5, 6, 7, 8].flatMap((q) => [1, 2, 3, 4, 5].map((p) => q * 10 + p));
export const ALL_TEETH = [...PERMANENT_TEETH, ...PRIMARY_TEETH];

export function isToothNumber(tooth: number): boolean {
  return ALL_TEETH.includes(tooth);
}

export function isPrimaryTooth(tooth: number): boolean {
  return PRIMARY_TEETH.includes(tooth);
}

/** Upper jaw: quadrants 1, 2 (permanent) and 5, 6 (primary). */
export function isUpperTooth(tooth: number): boolean {
  return [1, 2, 5, 6].includes(Math.floor(tooth / 10));
}

/** Incisors and canines (positions 1–3), which have an incisal edge instead of an occlusal surface. */
export function isAnteriorTooth(tooth: number): boolean {
  return tooth % 10 <= 3;
}

const PRIMARY_LETTERS = 'ABCDEFGHIJKLMNOPQRST';

/** FDI → Universal (ADA): permanent 1–32 from the upper right third molar, primary A–T likewise. */
export function fdiToUniversal(fdi: number): string {
  if (!isToothNumber(fdi)) throw new RangeError(`${fdi} is not an FDI tooth number`);
  const q = Math.floor(fdi / 10);
  const p = fdi % 10;
  const permanent = [9 - p, 8 + p, 25 - p, 24 + p];
  const primary = [5 - p, 4 + p, 15 - p, 14 + p];
  if (q <= 4) return String(permanent[q - 1]);
  return PRIMARY_LETTERS[primary[q - 5] ?? -1] ?? '';
}

/** Universal (ADA) → FDI; accepts "1"–"32" and "A"–"T" (any case). */
export function universalToFdi(universal: string): number {
  const value = universal.trim().toUpperCase();
  const fdi = ALL_TEETH.find((t) => fdiToUniversal(t) === value);
  if (fdi === undefined) throw new RangeError(`${universal} is not a Universal tooth number`);
  return fdi;
}

export const NUMBERING_SYSTEMS = ['fdi', 'universal'] as const;
export type NumberingSystem = (typeof NUMBERING_SYSTEMS)[number];

/** Stored surfaces: mesial, occlusal, distal, buccal, lingual. */
export const SURFACES = ['M', 'O', 'D', 'B', 'L'] as const;
export type Surface = (typeof SURFACES)[number];
/**
 * Accepted on input besides the stored ones: I (incisal, anterior teeth) is stored as O, F (facial) as B,
 * P (palatal, upper teeth) as L.
 */
export const SURFACE_ALIASES = { I: 'O', F: 'B', P: 'L' } as const;
export const SURFACE_INPUTS = [...SURFACES, 'I', 'F', 'P'] as const;
export type SurfaceInput = (typeof SURFACE_INPUTS)[number];

/** How a stored surface is called on this tooth: I on incisors and canines, F on their facial side, P on upper teeth. */
export function surfaceLabel(tooth: number, surface: Surface): string {
  const anterior = isAnteriorTooth(tooth);
  if (surface === 'O' && anterior) return 'I';
  if (surface === 'B' && anterior) return 'F';
  if (surface === 'L' && isUpperTooth(tooth)) return 'P';
  return surface;
}

export const DENTAL_CONDITIONS = [
  'healthy',
  'caries',
  'filling',
  'crown',
  'bridge',
  'missing',
  'extracted',
  'root_canal',
  'implant',
  'sealant',
] as const;
export type DentalCondition = (typeof DENTAL_CONDITIONS)[number];

/** Conditions of the whole tooth: recorded without surfaces. */
export const WHOLE_TOOTH_CONDITIONS: readonly DentalCondition[] = [
  'crown',
  'bridge',
  'missing',
  'extracted',
  'root_canal',
  'implant',
];
/** Conditions of surfaces: recorded with at least one surface. */
export const SURFACE_CONDITIONS: readonly DentalCondition[] = ['caries', 'filling', 'sealant'];

export type DentalEntryProblem = { field: 'tooth' | 'surfaces'; message: string };

/**
 * Checks a tooth/surfaces/condition triple and returns the stored (canonical) surfaces, or what is wrong.
 * `healthy` without surfaces clears the whole tooth; with surfaces, just those surfaces.
 */
export function checkDentalEntry(
  tooth: number,
  surfaces: readonly SurfaceInput[],
  condition: DentalCondition,
): { surfaces: Surface[] } | { problem: DentalEntryProblem } {
  if (!isToothNumber(tooth)) {
    return { problem: { field: 'tooth', message: 'is not an FDI tooth number (11–48 or 51–85)' } };
  }
  const canonical: Surface[] = [];
  for (const s of surfaces) {
    if (s === 'I' && !isAnteriorTooth(tooth)) {
      return {
        problem: { field: 'surfaces', message: `I (incisal) is for incisors and canines; use O on ${tooth}` },
      };
    }
    if (s === 'P' && !isUpperTooth(tooth)) {
      return {
        problem: { field: 'surfaces', message: `P (palatal) is for upper teeth; use L on ${tooth}` },
      };
    }
    const stored: Surface =
      s in SURFACE_ALIASES ? SURFACE_ALIASES[s as keyof typeof SURFACE_ALIASES] : (s as Surface);
    if (canonical.includes(stored)) {
      return { problem: { field: 'surfaces', message: `names the ${stored} surface twice` } };
    }
    canonical.push(stored);
  }
  if (WHOLE_TOOTH_CONDITIONS.includes(condition) && canonical.length > 0) {
    return {
      problem: {
        field: 'surfaces',
        message: `must be empty: ${condition} is a condition of the whole tooth`,
      },
    };
  }
  if (SURFACE_CONDITIONS.includes(condition) && canonical.length === 0) {
    return { problem: { field: 'surfaces', message: `needs at least one surface for ${condition}` } };
  }
  canonical.sort((a, b) => SURFACES.indexOf(a) - SURFACES.indexOf(b));
  return { surfaces: canonical };
}

const ToothSchema = z.number().int().refine(isToothNumber, 'an FDI tooth number (11–48 or 51–85)');
const NoteSchema = z.string().trim().max(2000).nullable().optional();
const PersonSchema = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const DentalEntryCreateSchema = z.object({
  tooth: ToothSchema,
  surfaces: z.array(z.enum(SURFACE_INPUTS)).max(5).default([]),
  condition: z.enum(DENTAL_CONDITIONS),
  note: NoteSchema,
  encounterId: z.uuid().nullable().optional(),
});
export type DentalEntryCreate = z.infer<typeof DentalEntryCreateSchema>;

export const DentalEntrySchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  tooth: z.number().int(),
  /** Only with ?numbering=universal. */
  universal: z.string().optional(),
  surfaces: z.array(z.enum(SURFACES)),
  condition: z.enum(DENTAL_CONDITIONS),
  note: z.string().nullable(),
  encounterId: z.uuid().nullable(),
  /** Set when the entry was written by completing a dental procedure. */
  procedureId: z.uuid().nullable(),
  recordedAt: IsoDateTimeSchema,
  recordedBy: PersonSchema,
});
export type DentalEntry = z.infer<typeof DentalEntrySchema>;

export const DentalNumberingQuerySchema = z.object({
  numbering: z.enum(NUMBERING_SYSTEMS).default('fdi'),
});

export const DentalChartPdfQuerySchema = DentalNumberingQuerySchema.extend({
  lang: z.enum(['en', 'es']).default('en'),
});

export const DentalToothParamsSchema = z.object({
  patientId: z.uuid(),
  tooth: z.coerce.number().int().refine(isToothNumber, 'an FDI tooth number (11–48 or 51–85)'),
});
export const DentalPatientParamsSchema = z.object({ patientId: z.uuid() });

export const DentalSurfaceStateSchema = z.object({
  surface: z.enum(SURFACES),
  condition: z.enum(DENTAL_CONDITIONS),
  entryId: z.uuid(),
  recordedAt: IsoDateTimeSchema,
});

/**
 * The current state of one tooth: its whole-tooth conditions (e.g. root_canal and crown together) and its
 * surfaces' conditions.
 */
export const DentalToothStateSchema = z.object({
  tooth: z.number().int(),
  universal: z.string().optional(),
  conditions: z.array(z.enum(DENTAL_CONDITIONS)),
  surfaces: z.array(DentalSurfaceStateSchema),
  updatedAt: IsoDateTimeSchema,
});
export type DentalToothState = z.infer<typeof DentalToothStateSchema>;

export const DentalChartSchema = z.object({
  patientId: z.uuid(),
  numbering: z.enum(NUMBERING_SYSTEMS),
  /** Only teeth with something recorded; a tooth not listed has no findings. */
  teeth: z.array(DentalToothStateSchema),
});
export type DentalChart = z.infer<typeof DentalChartSchema>;

export const DentalToothHistorySchema = z.object({
  tooth: z.number().int(),
  universal: z.string().optional(),
  /** Newest first. */
  entries: z.array(DentalEntrySchema),
});

export const DENTAL_PROCEDURE_KINDS = [
  'exam',
  'cleaning',
  'xray',
  'filling',
  'sealant',
  'root_canal',
  'crown',
  'bridge',
  'extraction',
  'implant',
  'other',
] as const;
export type DentalProcedureKind = (typeof DENTAL_PROCEDURE_KINDS)[number];

/** What completing a procedure of this kind records on the chart (kinds not listed change nothing). */
export const PROCEDURE_CHART_CONDITION: Partial<Record<DentalProcedureKind, DentalCondition>> = {
  filling: 'filling',
  sealant: 'sealant',
  root_canal: 'root_canal',
  crown: 'crown',
  bridge: 'bridge',
  extraction: 'extracted',
  implant: 'implant',
};

export const DENTAL_PROCEDURE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type DentalProcedureStatus = (typeof DENTAL_PROCEDURE_STATUSES)[number];

/** Status moves only forward; done and cancelled are final. */
export const PROCEDURE_TRANSITIONS: Record<DentalProcedureStatus, readonly DentalProcedureStatus[]> = {
  planned: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

const CostSchema = z.number().int().min(0).max(1_000_000_000).nullable().optional();

export const DentalProcedureCreateSchema = z.object({
  kind: z.enum(DENTAL_PROCEDURE_KINDS),
  description: z.string().trim().max(500).nullable().optional(),
  tooth: ToothSchema.nullable().optional(),
  surfaces: z.array(z.enum(SURFACE_INPUTS)).max(5).default([]),
  /** Integer minor units (cents); null while not priced. Not given with priceItemId, whose price it takes. */
  cost: CostSchema,
  /** The dental item of the price list it is priced from: the cost is that item's price. */
  priceItemId: z.uuid().nullable().optional(),
  notes: NoteSchema,
  encounterId: z.uuid().nullable().optional(),
});
export type DentalProcedureCreate = z.infer<typeof DentalProcedureCreateSchema>;

export const DentalProcedurePatchSchema = requireChange(
  z
    .object({
      status: z.enum(DENTAL_PROCEDURE_STATUSES),
      cost: CostSchema,
      priceItemId: z.uuid().nullable(),
      description: z.string().trim().max(500).nullable(),
      notes: z.string().trim().max(2000).nullable(),
    })
    .partial()
    .strict(),
);
export type DentalProcedurePatch = z.infer<typeof DentalProcedurePatchSchema>;

export const DentalProcedureSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  patientId: z.uuid(),
  kind: z.enum(DENTAL_PROCEDURE_KINDS),
  description: z.string().nullable(),
  tooth: z.number().int().nullable(),
  universal: z.string().optional(),
  surfaces: z.array(z.enum(SURFACES)),
  status: z.enum(DENTAL_PROCEDURE_STATUSES),
  cost: z.number().int().nullable(),
  priceItemId: z.uuid().nullable(),
  notes: z.string().nullable(),
  encounterId: z.uuid().nullable(),
  /** The chart entry written when the procedure was completed. */
  chartEntryId: z.uuid().nullable(),
  createdAt: IsoDateTimeSchema,
  createdBy: PersonSchema,
  completedAt: IsoDateTimeSchema.nullable(),
  completedBy: PersonSchema,
});
export type DentalProcedure = z.infer<typeof DentalProcedureSchema>;

export const DentalPlanTotalsSchema = z.object({
  /** Sum of the priced procedures that are not cancelled (minor units). */
  total: z.number().int(),
  done: z.number().int(),
  remaining: z.number().int(),
  /** Procedures not cancelled and without a cost yet. */
  unpriced: z.number().int(),
  counts: z.object({
    planned: z.number().int(),
    in_progress: z.number().int(),
    done: z.number().int(),
    cancelled: z.number().int(),
  }),
});
export type DentalPlanTotals = z.infer<typeof DentalPlanTotalsSchema>;

export const DentalPlanCreateSchema = z.object({
  title: z.string().trim().min(1).max(200),
  notes: NoteSchema,
  procedures: z.array(DentalProcedureCreateSchema).max(100).default([]),
});
export type DentalPlanCreate = z.infer<typeof DentalPlanCreateSchema>;

export const DentalPlanSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  title: z.string(),
  notes: z.string().nullable(),
  currency: z.string(),
  createdAt: IsoDateTimeSchema,
  createdBy: PersonSchema,
  procedures: z.array(DentalProcedureSchema),
  totals: DentalPlanTotalsSchema,
});
export type DentalPlan = z.infer<typeof DentalPlanSchema>;

export const DentalPlanListSchema = z.object({ items: z.array(DentalPlanSchema) });

/** Published after every dental change, with the patient id as resourceId. */
export const DENTAL_CHANGED_EVENT = 'dental.changed';

import { z } from 'zod';
import { IsoDateTimeSchema } from './common.ts';
import { BirthDateSchema, DateSchema, PATIENT_SEXES, PhoneInputSchema } from './patients.ts';
import { LANGUAGES } from './settings.ts';
import { CreateVitalsSchema } from './vitals.ts';

export const QUEUE_STATUSES = ['waiting', 'called', 'in_consultation', 'done', 'skipped', 'no_show'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
/** Called in this order: emergency first, then senior/PWD/pregnant, then everyone else; by arrival within each. */
export const QUEUE_PRIORITIES = ['emergency', 'priority', 'normal'] as const;
export type QueuePriority = (typeof QUEUE_PRIORITIES)[number];
/** Reasons the web offers for the `priority` level; any short text is accepted. */
export const PRIORITY_REASONS = ['senior', 'pwd', 'pregnant'] as const;
export const VISIT_KINDS = ['appointment', 'walk_in'] as const;

/** Estimated waits use this consultation length when a provider has no finished visits to learn from. */
export const DEFAULT_CONSULTATION_MINUTES = 15;
/** At most this many tickets in one queue answer. */
export const QUEUE_LIST_LIMIT = 1000;

const DepartmentKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_-]+$/, 'a department key (lowercase letters, digits, - and _)');
const ReasonSchema = z.string().trim().max(200).optional();

export const CheckInSchema = z
  .object({
    appointmentId: z.uuid(),
    priority: z.enum(QUEUE_PRIORITIES).default('normal'),
    priorityReason: ReasonSchema,
  })
  .strict();
export type CheckIn = z.infer<typeof CheckInSchema>;

/** Quick registration of a walk-in: the least a record needs; the rest is completed later in the registry. */
export const QuickPatientSchema = z
  .object({
    givenName: z.string().trim().min(1, 'is required').max(100),
    familyName: z.string().trim().min(1, 'is required').max(100),
    birthDate: BirthDateSchema,
    sex: z.enum(PATIENT_SEXES),
    phone: PhoneInputSchema,
    /** Register even though possible duplicates exist (otherwise 409 naming their MRNs). */
    confirmDuplicate: z.boolean().default(false),
  })
  .strict();
export type QuickPatient = z.infer<typeof QuickPatientSchema>;

export const WalkInSchema = z
  .object({
    patientId: z.uuid().optional(),
    newPatient: QuickPatientSchema.optional(),
    departmentKey: DepartmentKeySchema,
    providerId: z.uuid().optional(),
    priority: z.enum(QUEUE_PRIORITIES).default('normal'),
    priorityReason: ReasonSchema,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.patientId === !v.newPatient)
      ctx.addIssue({ code: 'custom', path: ['patientId'], message: 'give either patientId or newPatient' });
  });
export type WalkIn = z.infer<typeof WalkInSchema>;

export const QueueQuerySchema = z
  .object({
    department: DepartmentKeySchema.optional(),
    provider: z.uuid().optional(),
    /** The clinic-local day (YYYY-MM-DD); today by default. */
    day: DateSchema.optional(),
    /** Only the visit this encounter was opened for. */
    encounter: z.uuid().optional(),
  })
  .strict();
export type QueueQuery = z.infer<typeof QueueQuerySchema>;

export const QueueTicketSchema = z.object({
  id: z.uuid(),
  ticket: z.string(),
  ticketNumber: z.number().int(),
  day: z.string(),
  departmentKey: z.string(),
  patientId: z.uuid(),
  patientName: z.string(),
  mrn: z.string(),
  priority: z.enum(QUEUE_PRIORITIES),
  priorityReason: z.string().nullable(),
  status: z.enum(QUEUE_STATUSES),
  kind: z.enum(VISIT_KINDS),
  appointmentId: z.uuid().nullable(),
  providerId: z.uuid().nullable(),
  providerName: z.string().nullable(),
  roomId: z.uuid().nullable(),
  roomName: z.string().nullable(),
  triageNote: z.string().nullable(),
  /** Someone has triaged the ticket (priority, note or vitals). */
  triaged: z.boolean(),
  encounterId: z.uuid().nullable(),
  arrivedAt: z.string(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  /** From arrival until called (or until now while waiting). */
  waitedMinutes: z.number().int(),
  /** Waiting tickets only: how many are called before this one in its lane (its provider, or the department). */
  ahead: z.number().int().nullable(),
  /** Waiting tickets only: `ahead` × the provider's median consultation minutes (15 without history). */
  estimatedWaitMinutes: z.number().int().nullable(),
});
export type QueueTicket = z.infer<typeof QueueTicketSchema>;

export const QueueSchema = z.object({
  day: z.string(),
  items: z.array(QueueTicketSchema),
  truncated: z.boolean(),
});
export type Queue = z.infer<typeof QueueSchema>;

export const VisitParamsSchema = z.object({ id: z.uuid() });

export const CallNextSchema = z
  .object({
    departmentKey: DepartmentKeySchema.optional(),
    roomId: z.uuid().optional(),
    /** Start the consultation at once (the patient is seen now); otherwise the ticket waits as called. */
    start: z.boolean().optional(),
  })
  .strict();
export type CallNext = z.infer<typeof CallNextSchema>;

export const TransferSchema = z
  .object({
    providerId: z.uuid(),
    departmentKey: DepartmentKeySchema.optional(),
  })
  .strict();
export type Transfer = z.infer<typeof TransferSchema>;

export const TriageSchema = z
  .object({
    priority: z.enum(QUEUE_PRIORITIES).optional(),
    priorityReason: z.string().trim().max(200).nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    /** Recorded in the patient's vitals (needs chart:write). */
    vitals: CreateVitalsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.priority === undefined && v.priorityReason === undefined && v.note === undefined && !v.vitals)
      ctx.addIssue({ code: 'custom', path: [], message: 'give a priority, a note or vitals' });
  });
export type Triage = z.infer<typeof TriageSchema>;

export const QueueRoomSchema = z.object({ id: z.uuid(), name: z.string(), departmentKey: z.string() });
export const QueueDepartmentSchema = z.object({
  key: z.string(),
  name: z.string(),
  ticketPrefix: z.string(),
  rooms: z.array(QueueRoomSchema),
});
export const QueueDepartmentsSchema = z.object({ items: z.array(QueueDepartmentSchema) });
export type QueueDepartment = z.infer<typeof QueueDepartmentSchema>;

export const QueueProviderSchema = z.object({ id: z.uuid(), name: z.string() });
export const QueueProvidersSchema = z.object({ items: z.array(QueueProviderSchema) });
export type QueueProvider = z.infer<typeof QueueProviderSchema>;

// Displays: public screens in the waiting room, authorised by a token instead of a login.

export const DISPLAY_TOKEN_HEADER = 'x-display-token';

export const CreateDisplaySchema = z
  .object({
    departmentKey: DepartmentKeySchema,
    name: z.string().trim().min(1, 'is required').max(100),
  })
  .strict();

export const DisplaySchema = z.object({
  id: z.uuid(),
  departmentKey: z.string(),
  name: z.string(),
  createdAt: IsoDateTimeSchema,
  revokedAt: IsoDateTimeSchema.nullable(),
});
export type Display = z.infer<typeof DisplaySchema>;
/** The token is shown this once; only its hash is stored. */
export const CreatedDisplaySchema = DisplaySchema.extend({ token: z.string() });
export const DisplayListSchema = z.object({ items: z.array(DisplaySchema) });

export const DisplayParamsSchema = z.object({ department: DepartmentKeySchema });
export const DisplayQuerySchema = z.object({ token: z.string().max(200).optional() });

/** What a waiting-room screen shows: ticket numbers and rooms, never a patient's name. */
export const DisplayStateSchema = z.object({
  department: z.object({ key: z.string(), name: z.string() }),
  nowServing: z.array(z.object({ ticket: z.string(), room: z.string().nullable(), calledAt: z.string() })),
  next: z.array(z.string()),
  at: z.string(),
  /** The clinic's default language, spoken by screens whose link names none. */
  language: z.enum(LANGUAGES),
});
export type DisplayState = z.infer<typeof DisplayStateSchema>;

/** The one kind of message on /api/display/:department/socket. */
export const DisplayMessageSchema = z.object({ type: z.literal('display.state'), state: DisplayStateSchema });
export type DisplayMessage = z.infer<typeof DisplayMessageSchema>;

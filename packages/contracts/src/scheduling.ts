import { z } from 'zod';
import { MONEY_MAX_MINOR, MoneySchema } from './billing.ts';
import { fromYearOne, IsoDateTimeSchema, requireChange } from './common.ts';

/** Users holding one of these roles are providers: they have schedules and offer services. */
export const CLINICAL_ROLES = ['doctor', 'dentist', 'nurse', 'radiologist'] as const;
export const SCHEDULE_RULE_KINDS = ['work', 'break'] as const;
export type ScheduleRuleKind = (typeof SCHEDULE_RULE_KINDS)[number];
export const TIME_OFF_KINDS = ['holiday', 'leave', 'other'] as const;
export type TimeOffKind = (typeof TIME_OFF_KINDS)[number];

/** At most this many days per working-time answer, and rows per weekly schedule. */
export const WORKING_TIME_MAX_DAYS = 93;
export const SCHEDULE_MAX_RULES = 200;
export const TIME_OFF_LIST_MAX = 1000;

const NameSchema = z.string().trim().min(1, 'is required').max(100);

// ── Departments ──────────────────────────────────────────────────────────────

export const SchedulingDepartmentKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _ (at most 40)');
export const TicketPrefixSchema = z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters');

/**
 * The departments created at install (migration 0012) and the English name each was given. While a department
 * keeps that name the apps show it in the reader's language; a name the clinic typed is shown as typed.
 */
export const BUILT_IN_DEPARTMENT_NAMES = { general: 'General medicine', dental: 'Dental' } as const;
export type BuiltInDepartmentKey = keyof typeof BUILT_IN_DEPARTMENT_NAMES;

export function hasBuiltInName<T extends { key: string; name: string }>(
  department: T,
): department is T & { key: BuiltInDepartmentKey } {
  return (
    Object.hasOwn(BUILT_IN_DEPARTMENT_NAMES, department.key) &&
    BUILT_IN_DEPARTMENT_NAMES[department.key as BuiltInDepartmentKey] === department.name
  );
}

export const DepartmentSchema = z.object({
  key: z.string(),
  name: z.string(),
  ticketPrefix: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Department = z.infer<typeof DepartmentSchema>;
export const DepartmentListSchema = z.object({ items: z.array(DepartmentSchema) });

export const CreateDepartmentSchema = z
  .object({
    key: SchedulingDepartmentKeySchema,
    name: NameSchema,
    ticketPrefix: TicketPrefixSchema,
    active: z.boolean().default(true),
  })
  .strict();
export type CreateDepartment = z.input<typeof CreateDepartmentSchema>;
export const UpdateDepartmentSchema = requireChange(
  z.object({ name: NameSchema, ticketPrefix: TicketPrefixSchema, active: z.boolean() }).partial().strict(),
);
export type UpdateDepartment = z.infer<typeof UpdateDepartmentSchema>;
export const DepartmentParamsSchema = z.object({ key: SchedulingDepartmentKeySchema });

// ── Rooms ────────────────────────────────────────────────────────────────────

export const RoomSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  departmentKey: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Room = z.infer<typeof RoomSchema>;
export const RoomListSchema = z.object({ items: z.array(RoomSchema) });
export const RoomListQuerySchema = z.object({
  department: SchedulingDepartmentKeySchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const CreateRoomSchema = z
  .object({
    name: NameSchema,
    departmentKey: SchedulingDepartmentKeySchema,
    active: z.boolean().default(true),
  })
  .strict();
export type CreateRoom = z.input<typeof CreateRoomSchema>;
export const UpdateRoomSchema = requireChange(
  z
    .object({ name: NameSchema, departmentKey: SchedulingDepartmentKeySchema, active: z.boolean() })
    .partial()
    .strict(),
);
export type UpdateRoom = z.infer<typeof UpdateRoomSchema>;

// ── Services ─────────────────────────────────────────────────────────────────

export const SERVICE_DURATION = { min: 5, max: 480 } as const;
export const SERVICE_BUFFER = { min: 0, max: 120 } as const;
export const SERVICE_PRICE_MAX = MONEY_MAX_MINOR;

export const ServiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  departmentKey: z.string(),
  durationMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  /** The usual price in minor units of the clinic's currency, or null when not priced yet. */
  priceMinor: z.number().int().nullable(),
  selfBookable: z.boolean(),
  /** The DICOM modality of an imaging service (its appointments feed the modality worklist), or null. */
  modality: z.string().nullable(),
  active: z.boolean(),
  providerIds: z.array(z.uuid()),
  createdAt: z.string(),
});
export type Service = z.infer<typeof ServiceSchema>;
export const ServiceListSchema = z.object({ items: z.array(ServiceSchema) });
export const ServiceListQuerySchema = z.object({
  department: SchedulingDepartmentKeySchema.optional(),
  provider: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
});

const minutes = (range: { min: number; max: number }) =>
  z
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(range.min, `must be between ${range.min} and ${range.max} minutes`)
    .max(range.max, `must be between ${range.min} and ${range.max} minutes`);

const priceMinor = MoneySchema.nullable();

/** A DICOM modality code (PS3.3 C.7.3.1.1.1), such as CT, MR, US, CR, DX, MG, XA, NM, PT. */
export const ModalitySchema = z
  .string()
  .regex(/^[A-Z0-9]{2,16}$/, 'a DICOM modality code such as CT, MR or US')
  .nullable();

export const CreateServiceSchema = z
  .object({
    name: NameSchema,
    departmentKey: SchedulingDepartmentKeySchema,
    durationMinutes: minutes(SERVICE_DURATION),
    bufferMinutes: minutes(SERVICE_BUFFER).default(0),
    priceMinor: priceMinor.default(null),
    selfBookable: z.boolean().default(true),
    modality: ModalitySchema.default(null),
    active: z.boolean().default(true),
    providerIds: z.array(z.uuid()).max(200).default([]),
  })
  .strict();
export type CreateService = z.input<typeof CreateServiceSchema>;
export const UpdateServiceSchema = requireChange(
  z
    .object({
      name: NameSchema,
      departmentKey: SchedulingDepartmentKeySchema,
      durationMinutes: minutes(SERVICE_DURATION),
      bufferMinutes: minutes(SERVICE_BUFFER),
      priceMinor,
      selfBookable: z.boolean(),
      modality: ModalitySchema,
      active: z.boolean(),
      providerIds: z.array(z.uuid()).max(200),
    })
    .partial()
    .strict(),
);
export type UpdateService = z.infer<typeof UpdateServiceSchema>;

// ── Providers ────────────────────────────────────────────────────────────────

/** A provider as listed for booking; `email` only for staff who may read schedules. */
export const ProviderSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  roles: z.array(z.string()),
  serviceIds: z.array(z.uuid()),
  email: z.string().optional(),
});
export type Provider = z.infer<typeof ProviderSchema>;
export const ProviderListSchema = z.object({ items: z.array(ProviderSchema) });
export const ProviderListQuerySchema = z.object({ service: z.uuid().optional() });

// ── Weekly schedule ──────────────────────────────────────────────────────────

const START_TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME_RE = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const LocalDateSchema = fromYearOne(z.iso.date('must be a date (YYYY-MM-DD)'));

export const ScheduleRuleInputSchema = z
  .object({
    kind: z.enum(SCHEDULE_RULE_KINDS),
    weekday: z
      .number()
      .int()
      .min(0, 'must be 0 (Sunday) to 6 (Saturday)')
      .max(6, 'must be 0 (Sunday) to 6 (Saturday)'),
    startTime: z.string().regex(START_TIME_RE, 'must be a time HH:MM'),
    endTime: z.string().regex(END_TIME_RE, 'must be a time HH:MM (24:00 for midnight)'),
    roomId: z.uuid().nullable().default(null),
    validFrom: LocalDateSchema.nullable().default(null),
    validTo: LocalDateSchema.nullable().default(null),
  })
  .strict();
export type ScheduleRuleInput = z.infer<typeof ScheduleRuleInputSchema>;

export const RULE_PROBLEM_CODES = [
  'end_before_start',
  'valid_to_before_from',
  'work_overlap',
  'break_outside_work',
] as const;
export type RuleProblem = {
  index: number;
  field: keyof ScheduleRuleInput;
  code: (typeof RULE_PROBLEM_CODES)[number];
  message: string;
};

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Two validity ranges (null = open-ended) share at least one day. */
function validityOverlaps(a: ScheduleRuleInput, b: ScheduleRuleInput): boolean {
  const aFrom = a.validFrom ?? '0000-01-01';
  const aTo = a.validTo ?? '9999-12-31';
  const bFrom = b.validFrom ?? '0000-01-01';
  const bTo = b.validTo ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}

/**
 * The rules that break a weekly schedule, beyond each row's own format: start before end, valid_from
 * not after valid_to, work rows of one weekday not overlapping, breaks inside that weekday's work hours.
 */
export function weeklyRuleProblems(rules: readonly ScheduleRuleInput[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const valid = rules.map((r, index) => {
    // A malformed row is already refused by its own schema; judging it here would only add noise.
    if (!START_TIME_RE.test(r.startTime) || !END_TIME_RE.test(r.endTime)) return false;
    let ok = true;
    if (toMinutes(r.startTime) >= toMinutes(r.endTime)) {
      problems.push({
        index,
        field: 'endTime',
        code: 'end_before_start',
        message: 'must be after the start time',
      });
      ok = false;
    }
    if (r.validFrom && r.validTo && r.validFrom > r.validTo) {
      problems.push({
        index,
        field: 'validTo',
        code: 'valid_to_before_from',
        message: 'must not be before valid from',
      });
      ok = false;
    }
    return ok;
  });
  rules.forEach((r, index) => {
    if (!valid[index]) return;
    const start = toMinutes(r.startTime);
    const end = toMinutes(r.endTime);
    const work = rules.filter(
      (o, j) =>
        j !== index && valid[j] && o.kind === 'work' && o.weekday === r.weekday && validityOverlaps(r, o),
    );
    if (r.kind === 'work') {
      const clash = work.find(
        (o) => rules.indexOf(o) < index && toMinutes(o.startTime) < end && start < toMinutes(o.endTime),
      );
      if (clash) {
        problems.push({
          index,
          field: 'startTime',
          code: 'work_overlap',
          message: `overlaps another work period (${clash.startTime}–${clash.endTime}) on the same weekday`,
        });
      }
    } else {
      const inside = work.some((o) => toMinutes(o.startTime) <= start && end <= toMinutes(o.endTime));
      if (!inside) {
        problems.push({
          index,
          field: 'startTime',
          code: 'break_outside_work',
          message: 'must lie inside the work hours of its weekday',
        });
      }
    }
  });
  return problems;
}

export const PutScheduleSchema = z
  .object({ rules: z.array(ScheduleRuleInputSchema).max(SCHEDULE_MAX_RULES) })
  .strict()
  .superRefine((v, ctx) => {
    for (const p of weeklyRuleProblems(v.rules)) {
      ctx.addIssue({ code: 'custom', path: ['rules', p.index, p.field], message: p.message });
    }
  });
export type PutSchedule = z.input<typeof PutScheduleSchema>;

export const ScheduleRuleSchema = z.object({
  id: z.uuid(),
  kind: z.enum(SCHEDULE_RULE_KINDS),
  weekday: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  roomId: z.uuid().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
export type ScheduleRule = z.infer<typeof ScheduleRuleSchema>;
export const WeeklyScheduleSchema = z.object({
  providerId: z.uuid(),
  /** The clinic's zone: every time above is on its wall clock. */
  timeZone: z.string(),
  rules: z.array(ScheduleRuleSchema),
});
export type WeeklySchedule = z.infer<typeof WeeklyScheduleSchema>;

// ── Time off ─────────────────────────────────────────────────────────────────

export const TimeOffSchema = z.object({
  id: z.uuid(),
  /** Null: the whole clinic is closed. */
  providerId: z.uuid().nullable(),
  providerName: z.string().nullable(),
  kind: z.enum(TIME_OFF_KINDS),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});
export type TimeOff = z.infer<typeof TimeOffSchema>;
export const TimeOffListSchema = z.object({ items: z.array(TimeOffSchema) });
export const TimeOffQuerySchema = z.object({
  /** A provider's own time off together with the clinic-wide days; 'clinic' for clinic-wide only. */
  provider: z.union([z.uuid(), z.literal('clinic')]).optional(),
  from: IsoDateTimeSchema.optional(),
  to: IsoDateTimeSchema.optional(),
});
export const CreateTimeOffSchema = z
  .object({
    providerId: z.uuid().nullable().default(null),
    kind: z.enum(TIME_OFF_KINDS),
    startsAt: IsoDateTimeSchema,
    endsAt: IsoDateTimeSchema,
    reason: z.string().trim().max(500).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (Date.parse(v.startsAt) >= Date.parse(v.endsAt))
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the start' });
  });
export type CreateTimeOff = z.input<typeof CreateTimeOffSchema>;

// ── Working time ─────────────────────────────────────────────────────────────

export const WorkingTimeQuerySchema = z
  .object({ provider: z.uuid(), from: IsoDateTimeSchema, to: IsoDateTimeSchema })
  .superRefine((v, ctx) => {
    const span = Date.parse(v.to) - Date.parse(v.from);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (span > WORKING_TIME_MAX_DAYS * 86_400_000)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${WORKING_TIME_MAX_DAYS} days after from`,
      });
  });
export const WorkingTimeSchema = z.object({
  providerId: z.uuid(),
  timeZone: z.string(),
  intervals: z.array(z.object({ start: z.string(), end: z.string(), roomId: z.uuid().nullable() })),
});
export type WorkingTime = z.infer<typeof WorkingTimeSchema>;

import { z } from 'zod';
import { IsoDateTimeSchema } from './common.ts';

export const APPOINTMENT_STATUS_VALUES = [
  'booked',
  'checked_in',
  'in_consultation',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUS_VALUES)[number];
export const AppointmentStatusSchema = z.enum(APPOINTMENT_STATUS_VALUES);

/** Statuses that keep the provider's and the patient's time taken (the exclusion constraints' WHERE). */
export const HOLDING_STATUSES: readonly AppointmentStatus[] = [
  'booked',
  'checked_in',
  'in_consultation',
  'completed',
];

/**
 * booked → checked_in → in_consultation → completed; booked → cancelled | no_show. A checked-in patient
 * who leaves before being seen may still be marked no_show.
 */
export const APPOINTMENT_TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  booked: ['checked_in', 'cancelled', 'no_show'],
  checked_in: ['in_consultation', 'no_show'],
  in_consultation: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

export const AppointmentSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  patientMrn: z.string(),
  providerId: z.uuid(),
  providerName: z.string(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  roomId: z.uuid().nullable(),
  roomName: z.string().nullable(),
  seriesId: z.uuid().nullable(),
  startsAt: IsoDateTimeSchema,
  endsAt: IsoDateTimeSchema,
  /** The end plus the service's buffer: the provider is busy until then. */
  blockedUntil: IsoDateTimeSchema,
  status: AppointmentStatusSchema,
  notes: z.string(),
  bookedVia: z.enum(['staff', 'portal']),
  bookedBy: z.uuid().nullable(),
  cancelReason: z.string().nullable(),
  cancelledBy: z.uuid().nullable(),
  cancelledAt: IsoDateTimeSchema.nullable(),
  checkedInAt: IsoDateTimeSchema.nullable(),
  completedAt: IsoDateTimeSchema.nullable(),
  noShowAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type Appointment = z.infer<typeof AppointmentSchema>;

export const APPOINTMENT_SORT_FIELDS = ['startsAt', 'createdAt', 'status'] as const;
export const APPOINTMENT_LIST_MAX = 1000;

const StatusListSchema = z
  .string()
  .max(200)
  .transform((s) => s.split(',').map((x) => x.trim()))
  .pipe(z.array(AppointmentStatusSchema).min(1));

/** Filters combine with AND; `from`/`to` select appointments overlapping [from, to). */
export const AppointmentListQuerySchema = z
  .object({
    provider: z.uuid().optional(),
    patient: z.uuid().optional(),
    room: z.uuid().optional(),
    /** One status or several separated by commas: booked,checked_in. */
    status: StatusListSchema.optional(),
    from: IsoDateTimeSchema.optional(),
    to: IsoDateTimeSchema.optional(),
    sort: z.enum(APPOINTMENT_SORT_FIELDS).default('startsAt'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(APPOINTMENT_LIST_MAX).default(500),
  })
  .strict();
export type AppointmentListQuery = z.infer<typeof AppointmentListQuerySchema>;

export const AppointmentListSchema = z.object({
  items: z.array(AppointmentSchema),
  /** More matched than `limit`: narrow the range. */
  truncated: z.boolean(),
});

const Notes = z.string().trim().max(2000);

export const BookAppointmentSchema = z
  .object({
    /** Staff name the patient; a patient in the portal books for their own record (may be left out). */
    patientId: z.uuid().optional(),
    providerId: z.uuid(),
    serviceId: z.uuid(),
    startsAt: IsoDateTimeSchema,
    roomId: z.uuid().nullable().optional(),
    notes: Notes.optional(),
    /**
     * Staff only: book outside the provider's working time (an extra patient squeezed in after hours).
     * Requires a reason in `notes`; overlaps are still refused.
     */
    outsideHours: z.boolean().optional(),
  })
  .strict();
export type BookAppointment = z.infer<typeof BookAppointmentSchema>;

export const RescheduleAppointmentSchema = z
  .object({
    startsAt: IsoDateTimeSchema,
    providerId: z.uuid(),
    roomId: z.uuid().nullable(),
    notes: Notes,
    outsideHours: z.boolean(),
  })
  .partial()
  .strict()
  .refine(
    (p) => p.startsAt !== undefined || p.providerId !== undefined || p.roomId !== undefined,
    'name at least one of startsAt, providerId, roomId',
  );
export type RescheduleAppointment = z.infer<typeof RescheduleAppointmentSchema>;

export const CancelAppointmentSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const AVAILABILITY_MAX_DAYS = 31;

export const AvailabilityQuerySchema = z
  .object({
    provider: z.uuid(),
    service: z.uuid(),
    from: IsoDateTimeSchema,
    to: IsoDateTimeSchema,
    /** An appointment being moved: the time it holds now counts as free. */
    except: z.uuid().optional(),
  })
  .strict();
export type AvailabilityQuery = z.infer<typeof AvailabilityQuerySchema>;

export const AvailabilitySlotSchema = z.object({
  startsAt: IsoDateTimeSchema,
  endsAt: IsoDateTimeSchema,
  /** The clinic's wall clock: YYYY-MM-DD and HH:MM. */
  localDate: z.string(),
  localTime: z.string(),
  roomId: z.uuid().nullable(),
});
export type AvailabilitySlot = z.infer<typeof AvailabilitySlotSchema>;

export const AvailabilitySchema = z.object({
  providerId: z.uuid(),
  serviceId: z.uuid(),
  timeZone: z.string(),
  durationMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  slots: z.array(AvailabilitySlotSchema),
});
export type Availability = z.infer<typeof AvailabilitySchema>;

export const SERIES_MAX_OCCURRENCES = 52;

/** The first booking of the series plus the recurrence (RRULE subset: FREQ, INTERVAL, COUNT|UNTIL, BYDAY). */
export const SeriesRequestSchema = z
  .object({
    rrule: z.string().trim().min(1).max(300),
    patientId: z.uuid(),
    providerId: z.uuid(),
    serviceId: z.uuid(),
    startsAt: IsoDateTimeSchema,
    roomId: z.uuid().nullable().optional(),
    notes: Notes.optional(),
    outsideHours: z.boolean().optional(),
  })
  .strict();
export type SeriesRequest = z.infer<typeof SeriesRequestSchema>;

export const BookSeriesSchema = SeriesRequestSchema.extend({
  /** Book the occurrences that are free and leave out the others (default: all or nothing). */
  skipConflicts: z.boolean().optional(),
}).strict();
export type BookSeries = z.infer<typeof BookSeriesSchema>;

export const SERIES_CONFLICTS = ['past', 'outside_hours', 'provider_busy', 'patient_busy'] as const;

export const SeriesOccurrenceSchema = z.object({
  startsAt: IsoDateTimeSchema,
  endsAt: IsoDateTimeSchema,
  localDate: z.string(),
  localTime: z.string(),
  conflict: z.object({ kind: z.enum(SERIES_CONFLICTS), message: z.string() }).nullable(),
});
export type SeriesOccurrence = z.infer<typeof SeriesOccurrenceSchema>;

export const SeriesPreviewSchema = z.object({
  timeZone: z.string(),
  occurrences: z.array(SeriesOccurrenceSchema),
  conflicts: z.number().int(),
});
export type SeriesPreview = z.infer<typeof SeriesPreviewSchema>;

export const SeriesBookedSchema = z.object({
  seriesId: z.uuid(),
  appointments: z.array(AppointmentSchema),
  /** Occurrences left out (with skipConflicts). */
  skipped: z.array(SeriesOccurrenceSchema),
});
export type SeriesBooked = z.infer<typeof SeriesBookedSchema>;

/** The clinic's self-booking rules, shown to a patient in the portal. */
export const SelfBookingRulesSchema = z.object({
  enabled: z.boolean(),
  maxDaysAhead: z.number().int(),
  cancelCutoffHours: z.number().int(),
  timeZone: z.string(),
});
export type SelfBookingRules = z.infer<typeof SelfBookingRulesSchema>;

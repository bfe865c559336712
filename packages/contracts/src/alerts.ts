import { z } from 'zod';
import { PageQuerySchema, pageOf } from './common.ts';

/** The rules Carebase watches. Each has a default threshold the clinic may change, and may be switched off. */
export const ALERT_RULES = [
  /** Hours since the last verified backup (none at all counts as stale). */
  'backup_stale',
  /** Percent of the data directory's disk still free. */
  'disk_low',
  /** Percent of answers that were 5xx over the last 5 minutes. */
  'error_rate',
  /** p99 latency in ms over the last 5 minutes. */
  'latency_p99',
  /** Jobs that failed or died, and recurring jobs whose last run failed, in the last 15 minutes. */
  'job_failures',
  /** Email and SMS messages of the last day whose last attempt failed. */
  'outbox_failures',
  /** An instance stopped reporting without shutting down (one alert per host). */
  'instance_gone',
  /** Hours the oldest certificate has waited for approval. */
  'certificate_queue',
  /** Megabytes the WAL archive is behind the server; not receiving at all fires too (BACKUP_WAL only). */
  'wal_archive',
] as const;
export type AlertRuleKey = (typeof ALERT_RULES)[number];

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;

export const AlertRuleSchema = z.object({
  key: z.enum(ALERT_RULES),
  enabled: z.boolean(),
  threshold: z.number(),
  defaultThreshold: z.number(),
  /** What the threshold counts: 'hours', 'percent', 'ms', 'count' or 'megabytes'. */
  unit: z.enum(['hours', 'percent', 'ms', 'count', 'megabytes']),
  severity: z.enum(ALERT_SEVERITIES),
  updatedAt: z.string().nullable(),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;
export const AlertRuleListSchema = z.object({ items: z.array(AlertRuleSchema) });
export const AlertRuleKeyParamsSchema = z.object({ key: z.enum(ALERT_RULES) });
export const AlertRuleUpdateSchema = z
  .object({
    enabled: z.boolean().optional(),
    threshold: z.number().positive().max(1_000_000).optional(),
  })
  .strict()
  .refine((v) => v.enabled !== undefined || v.threshold !== undefined, {
    message: 'give enabled or threshold',
  });

export const ALERT_STATUSES = ['firing', 'resolved'] as const;

/** One firing of a rule, from the moment it fired until it resolved. */
export const AlertSchema = z.object({
  id: z.uuid(),
  rule: z.enum(ALERT_RULES),
  /** What the alert is about when a rule can fire for several things at once (a host); '' otherwise. */
  subject: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  /** The latest value measured while firing (null: nothing to measure, e.g. no backup); kept once resolved. */
  value: z.number().nullable(),
  threshold: z.number(),
  firedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** When admins were told by email (through the outbox); null until then. */
  notifiedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertQuerySchema = PageQuerySchema.extend({ status: z.enum(ALERT_STATUSES).optional() });
export const AlertPageSchema = pageOf(AlertSchema);

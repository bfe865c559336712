import { z } from 'zod';
import { IsoDateTimeSchema, PageQuerySchema, pageOf } from './common.ts';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;

export const AuditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AUDIT_SORT_FIELDS = ['at', 'action', 'resourceType'] as const;
export const AuditQuerySchema = PageQuerySchema.extend({
  actor: z.uuid().optional(),
  patient: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  resourceType: z.string().max(100).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: IsoDateTimeSchema.optional(),
  to: IsoDateTimeSchema.optional(),
  sort: z.enum(AUDIT_SORT_FIELDS).default('at'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const AuditPageSchema = pageOf(AuditEventSchema);

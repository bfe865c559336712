import type { Invoice } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { ActorContext } from '../../platform/audit/audit.writer.ts';
import { type Executor, uniqueViolation } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findAppointment } from '../appointments/appointment-status.ts';
import { doneDentalWork } from '../dental/billable-dental-work.ts';
import { performedProcedures } from '../encounters/billable-procedures.ts';
import { billableVisit } from '../queue/billable-visit.ts';
import * as priceRepo from './billing.repository.ts';
import * as repo from './invoices.repository.ts';
import { type DraftLine, insertDraft, loadInvoice } from './invoices.service.ts';

type Source = {
  patientId: string;
  visitId: string | null;
  appointmentId: string | null;
  providerId: string | null;
  encounterId: string | null;
};
type Unpriced = { sourceType: string; description: string };

async function appointmentOf(db: Executor, id: string, path: string) {
  return findAppointment(db, id).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'not_found'
      ? fieldError(path, 'is not an appointment')
      : err;
  });
}

async function sourceOf(
  db: Executor,
  body: { visitId?: string | undefined; appointmentId?: string | undefined },
): Promise<Source> {
  if (body.visitId) {
    const v = await billableVisit(db, { visitId: body.visitId });
    if (!v) throw fieldError('body.visitId', 'is not a visit');
    return { ...v, visitId: v.id };
  }
  const a = await appointmentOf(db, body.appointmentId as string, 'body.appointmentId');
  const v = await billableVisit(db, { appointmentId: a.id });
  return {
    patientId: a.patientId,
    visitId: v?.id ?? null,
    appointmentId: a.id,
    providerId: v?.providerId ?? a.providerId,
    encounterId: v?.encounterId ?? null,
  };
}

/** What the visit did, as lines priced from the price list, and what the list could not price. */
async function linesOf(db: Executor, s: Source): Promise<{ lines: DraftLine[]; unpriced: Unpriced[] }> {
  const lines: DraftLine[] = [];
  const unpriced: Unpriced[] = [];
  const line = (priceItemId: string, providerId: string | null, type: string, id: string): DraftLine => ({
    priceItemId,
    quantity: 1,
    providerId,
    discount: null,
    payerMinor: 0,
    source: { type, id },
  });
  if (s.appointmentId) {
    const a = await appointmentOf(db, s.appointmentId, 'body.appointmentId');
    const itemId = await priceRepo.activeItemIdWhere(db, { serviceId: a.serviceId });
    if (itemId) lines.push(line(itemId, s.providerId, 'appointment', a.id));
    else unpriced.push({ sourceType: 'appointment', description: a.serviceName });
  }
  if (s.encounterId) {
    for (const p of await performedProcedures(db, s.encounterId)) {
      const itemId = p.code
        ? await priceRepo.activeItemIdWhere(db, { code: p.code.toUpperCase() })
        : undefined;
      if (itemId) lines.push(line(itemId, p.performedBy ?? s.providerId, 'encounter_procedure', p.id));
      else unpriced.push({ sourceType: 'encounter_procedure', description: p.description });
    }
    for (const d of await doneDentalWork(db, s.encounterId)) {
      const itemId = d.priceItemId ? await priceRepo.activeItemIdWhere(db, { id: d.priceItemId }) : undefined;
      if (itemId) lines.push(line(itemId, d.completedBy ?? s.providerId, 'dental_procedure', d.id));
      else
        unpriced.push({
          sourceType: 'dental_procedure',
          description: [d.kind, d.tooth ? `#${d.tooth}` : null, d.description].filter(Boolean).join(' '),
        });
    }
  }
  return { lines, unpriced };
}

/**
 * One click after a visit: a draft with its consultation, procedures and dental work done, priced from the
 * price list. A visit has at most one live invoice: asking again returns the one there is (created: false).
 */
export async function draftFromVisit(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  body: { visitId?: string | undefined; appointmentId?: string | undefined },
): Promise<{ invoice: Invoice; unpriced: Unpriced[]; created: boolean }> {
  const run = () =>
    ctx.db.transaction(async (tx) => {
      const source = await sourceOf(tx, body);
      const existing = source.visitId ? await repo.findInvoiceIdByVisit(tx, source.visitId) : undefined;
      if (existing) return { invoice: await loadInvoice(tx, existing), unpriced: [], created: false };
      const { lines, unpriced } = await linesOf(tx, source);
      const id = await insertDraft(ctx, tx, principal, actor, {
        patientId: source.patientId,
        lines,
        discount: null,
        notes: null,
        visitId: source.visitId,
        appointmentId: source.appointmentId,
      });
      return { invoice: await loadInvoice(tx, id), unpriced, created: true };
    });
  return run().catch(async (err: unknown) => {
    // Two clicks at once: the second meets the one-live-invoice-per-visit index and gets the first's draft.
    if (uniqueViolation(err) !== 'invoices_visit_live_unique') throw err;
    const again = await run();
    if (again.created) throw new AppError('conflict', 'The visit was invoiced at the same time; try again.');
    return again;
  });
}

import type {
  CreatePriceItemSchema,
  PriceItem,
  PriceItemHistory,
  PriceListQuerySchema,
  UpdatePriceItemSchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findService } from '../scheduling/working-time.ts';
import * as repo from './billing.repository.ts';
import { publishPriceListChanged } from './billing-events.ts';
import { sameShare, shareOf, shareValues, toHistory, toPriceItem } from './billing-mappers.ts';
import { checkPriceCoversShares, checkShareFitsPrice } from './price-list-rules.ts';
import { lockedItem, writePriceList } from './price-list-writes.ts';

export async function listPriceItems(
  db: Executor,
  q: z.infer<typeof PriceListQuerySchema>,
): Promise<PriceItem[]> {
  const rows = await repo.listItems(db, {
    kind: q.kind,
    active: q.active === undefined ? undefined : q.active === 'true',
    q: q.q,
  });
  const shares = await repo.currentShares(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toPriceItem(
      r,
      shares.filter((s) => s.itemId === r.id),
    ),
  );
}

/** The item with its price and share rules in force, or 404. */
export async function getPriceItem(db: Executor, id: string): Promise<PriceItem> {
  const row = await repo.findItem(db, id);
  if (!row) throw new AppError('not_found', 'There is no such price list item.');
  return toPriceItem(row, await repo.currentShares(db, [id]));
}

export async function priceItemHistory(db: Executor, id: string): Promise<PriceItemHistory> {
  await getPriceItem(db, id);
  return toHistory(await repo.priceHistory(db, id), await repo.shareHistory(db, id));
}

/** A service exists and no other item bills it yet. */
async function checkServiceFree(tx: Executor, serviceId: string, itemId?: string): Promise<void> {
  await findService(tx, serviceId).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'not_found'
      ? fieldError('body.serviceId', 'is not a service')
      : err;
  });
  const other = await repo.findItemIdByService(tx, serviceId);
  if (other && other !== itemId) throw fieldError('body.serviceId', 'is already billed by another item');
}

export async function createPriceItem(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreatePriceItemSchema>,
): Promise<PriceItem> {
  return writePriceList(ctx.db, async (tx) => {
    if (await repo.findItemIdByCode(tx, input.code))
      throw fieldError('body.code', 'is already used by another item');
    if (input.serviceId) await checkServiceFree(tx, input.serviceId);
    checkShareFitsPrice(input.doctorShare, input.priceMinor, 'body.doctorShare');
    const { priceMinor, taxRateBasisPoints, doctorShare, ...fields } = input;
    const id = await repo.insertItem(tx, fields);
    await repo.replacePrice(tx, {
      itemId: id,
      priceMinor,
      taxRateBp: taxRateBasisPoints,
      changedBy: actor.actorId,
    });
    if (doctorShare)
      await repo.insertShare(tx, {
        ...shareValues(doctorShare),
        itemId: id,
        providerId: null,
        changedBy: actor.actorId,
      });
    await writeAudit(tx, actor, {
      action: 'price_item.create',
      resourceType: 'price_item',
      resourceId: id,
      details: { after: input },
    });
    await publishPriceListChanged(tx, id);
    return getPriceItem(tx, id);
  });
}

/** What an update's audit event keeps of the item before and after (overrides have events of their own). */
function auditedFields(item: PriceItem) {
  const { createdAt: _, validFrom: __, overrides: ___, ...fields } = item;
  return fields;
}

/** A new price, tax rate or default share closes the period in force and opens the next; the rest edits in place. */
export async function updatePriceItem(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  patch: z.infer<typeof UpdatePriceItemSchema>,
): Promise<PriceItem> {
  return writePriceList(ctx.db, async (tx) => {
    const row = await lockedItem(tx, id);
    const shares = await repo.currentShares(tx, [id]);
    const before = toPriceItem(row, shares);
    const { priceMinor, taxRateBasisPoints, doctorShare, ...fields } = patch;
    if (fields.serviceId && fields.serviceId !== before.serviceId)
      await checkServiceFree(tx, fields.serviceId, id);
    const price = priceMinor ?? before.priceMinor;
    if (doctorShare !== undefined) checkShareFitsPrice(doctorShare, price, 'body.doctorShare');
    if (priceMinor !== undefined)
      checkPriceCoversShares(
        priceMinor,
        shares
          .filter((s) => doctorShare === undefined || s.providerId !== null)
          .map((s) => ({ providerName: s.providerId === null ? null : s.providerName, share: shareOf(s) })),
      );
    await repo.updateItem(tx, id, fields);
    const tax = taxRateBasisPoints ?? before.taxRateBasisPoints;
    if (price !== before.priceMinor || tax !== before.taxRateBasisPoints)
      await repo.replacePrice(tx, {
        itemId: id,
        priceMinor: price,
        taxRateBp: tax,
        changedBy: actor.actorId,
      });
    if (doctorShare !== undefined && !sameShare(doctorShare, before.doctorShare)) {
      await repo.endShare(tx, id, null);
      await repo.insertShare(tx, {
        ...shareValues(doctorShare),
        itemId: id,
        providerId: null,
        changedBy: actor.actorId,
      });
    }
    const after = await getPriceItem(tx, id);
    await writeAudit(tx, actor, {
      action: 'price_item.update',
      resourceType: 'price_item',
      resourceId: id,
      details: { before: auditedFields(before), patch, after: auditedFields(after) },
    });
    await publishPriceListChanged(tx, id);
    return after;
  });
}

/** The price in force of an active item of this kind, for another module pricing from the list; 400 on `path` otherwise. */
export async function currentPriceOf(
  db: Executor,
  id: string,
  kind: PriceItem['kind'],
  path: string,
): Promise<number> {
  const row = await repo.findItem(db, id);
  if (!row?.active || row.kind !== kind)
    throw fieldError(path, `is not an active ${kind} item of the price list`);
  return row.priceMinor;
}

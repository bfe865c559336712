import type { DoctorShare, PriceItem } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { activeProviderIds } from '../scheduling/providers.service.ts';
import * as repo from './billing.repository.ts';
import { publishPriceListChanged } from './billing-events.ts';
import { sameShare, shareOf, shareValues } from './billing-mappers.ts';
import { getPriceItem } from './price-list.service.ts';
import { checkShareFitsPrice } from './price-list-rules.ts';
import { lockedItem, writePriceList } from './price-list-writes.ts';

/** Sets one provider's share of an item, instead of the default rule; an unchanged share opens no new period. */
export async function setProviderShare(
  ctx: AppContext,
  actor: ActorContext,
  params: { id: string; providerId: string },
  share: DoctorShare,
): Promise<PriceItem> {
  return writePriceList(ctx.db, async (tx) => {
    const item = await lockedItem(tx, params.id);
    if (!(await activeProviderIds(tx, [params.providerId])).has(params.providerId))
      throw fieldError('params.providerId', 'is not an active user with a clinical role');
    checkShareFitsPrice(share, item.priceMinor, 'body.share');
    const before = shareOf(await repo.currentShare(tx, params.id, params.providerId));
    if (!sameShare(before, share)) {
      await repo.endShare(tx, params.id, params.providerId);
      await repo.insertShare(tx, {
        ...shareValues(share),
        itemId: params.id,
        providerId: params.providerId,
        changedBy: actor.actorId,
      });
      await writeAudit(tx, actor, {
        action: 'price_item.share.set',
        resourceType: 'price_item',
        resourceId: params.id,
        details: { providerId: params.providerId, before, after: share },
      });
      await publishPriceListChanged(tx, params.id);
    }
    return getPriceItem(tx, params.id);
  });
}

/** Ends a provider's override: from now on the default rule applies to them. 404 when there is none. */
export async function endProviderShare(
  ctx: AppContext,
  actor: ActorContext,
  params: { id: string; providerId: string },
): Promise<PriceItem> {
  return writePriceList(ctx.db, async (tx) => {
    await lockedItem(tx, params.id);
    const before = shareOf(await repo.currentShare(tx, params.id, params.providerId));
    if (!(await repo.endShare(tx, params.id, params.providerId)))
      throw new AppError('not_found', 'This provider has no share of their own for this item.');
    await writeAudit(tx, actor, {
      action: 'price_item.share.end',
      resourceType: 'price_item',
      resourceId: params.id,
      details: { providerId: params.providerId, before },
    });
    await publishPriceListChanged(tx, params.id);
    return getPriceItem(tx, params.id);
  });
}

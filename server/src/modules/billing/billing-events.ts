import { EVENT_TYPES } from '@carebase/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';

/** Tells every screen showing the price list to refresh, after commit; resourceId null after an import. */
export function publishPriceListChanged(tx: Executor, itemId: string | null): Promise<void> {
  return publishEvent(tx, {
    type: EVENT_TYPES.priceListChanged,
    permission: 'billing:read',
    resourceId: itemId,
  });
}

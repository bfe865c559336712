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

/** Tells every screen showing billing data (discount kinds, invoices, payments…) to refresh, after commit. */
export function publishBillingChanged(tx: Executor, resourceId: string | null): Promise<void> {
  return publishEvent(tx, {
    type: EVENT_TYPES.billingChanged,
    permission: 'billing:read',
    resourceId,
  });
}

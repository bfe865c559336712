import { EVENT_TYPES } from '@carebase/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { type EventInput, publishEvent, publishEvents } from '../../platform/events/events.publisher.ts';

/** Tells every screen showing the price list to refresh, after commit; resourceId null after an import. */
export function publishPriceListChanged(tx: Executor, itemId: string | null): Promise<void> {
  return publishEvent(tx, {
    type: EVENT_TYPES.priceListChanged,
    permission: 'billing:read',
    resourceId: itemId,
  });
}

/**
 * An invoice, payment, refund, drawer or payout changed: billing screens and home cards refresh. Doctors
 * whose earnings moved hear it too, each alone, so their home card follows without billing:read.
 */
export function billingChangedEvents(
  resourceId: string | null,
  providerIds: readonly (string | null)[] = [],
): EventInput[] {
  const doctors = [...new Set(providerIds.filter((p): p is string => p !== null))];
  return [
    { type: EVENT_TYPES.billingChanged, permission: 'billing:read', resourceId },
    ...doctors.map((userId) => ({
      type: EVENT_TYPES.billingChanged,
      permission: 'earnings:self' as const,
      userId,
      resourceId,
    })),
  ];
}

/** Queues billingChangedEvents, delivered after commit. */
export function publishBillingChanged(
  tx: Executor,
  resourceId: string | null,
  providerIds: readonly (string | null)[] = [],
): Promise<void> {
  return publishEvents(tx, billingChangedEvents(resourceId, providerIds));
}

import { isSampleName, type PriceItem } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { uniqueViolation } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { pricedActiveServices } from '../scheduling/service-catalog.service.ts';
import * as repo from './billing.repository.ts';
import { publishPriceListChanged } from './billing-events.ts';
import { codeFromName, uniqueCode } from './price-item-code.ts';
import { getPriceItem } from './price-list.service.ts';

/**
 * One consultation item for each active, priced service that no item bills yet (sample services aside),
 * named and priced like the service; running it again creates nothing new.
 */
export async function importServices(ctx: AppContext, actor: ActorContext): Promise<PriceItem[]> {
  return ctx.db
    .transaction(async (tx) => {
      await repo.lockImport(tx);
      const billed = await repo.billedServiceIds(tx);
      // The demo clinic's services stay out of the real price list (they go when the sample data goes).
      const toBill = (await pricedActiveServices(tx)).filter(
        (s) => !billed.has(s.id) && !isSampleName(s.name),
      );
      if (toBill.length === 0) return [];
      const codes = await repo.allCodes(tx);
      const created: { id: string; code: string; serviceId: string; priceMinor: number }[] = [];
      for (const service of toBill) {
        const code = uniqueCode(codeFromName(service.name), codes);
        codes.add(code);
        const id = await repo.insertItem(tx, {
          code,
          kind: 'consultation',
          nameEn: service.name,
          nameEs: service.name,
          serviceId: service.id,
          active: true,
        });
        await repo.replacePrice(tx, {
          itemId: id,
          priceMinor: service.priceMinor,
          taxRateBp: 0,
          changedBy: actor.actorId,
        });
        created.push({ id, code, serviceId: service.id, priceMinor: service.priceMinor });
      }
      await writeAudit(tx, actor, {
        action: 'price_item.import',
        resourceType: 'price_item',
        details: { created },
      });
      await publishPriceListChanged(tx, null);
      const items: PriceItem[] = [];
      for (const c of created) items.push(await getPriceItem(tx, c.id));
      return items;
    })
    .catch((err: unknown) => {
      // An item created by hand for the same service or code at the same moment.
      if (uniqueViolation(err) !== undefined)
        throw new AppError('conflict', 'The price list changed at the same time; try again.');
      throw err;
    });
}

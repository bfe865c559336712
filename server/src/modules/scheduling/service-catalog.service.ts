import type {
  CreateServiceSchema,
  Service,
  ServiceListQuerySchema,
  UpdateServiceSchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { can, type Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { fieldError } from '../../platform/errors.ts';
import { activeProviderIds } from './providers.service.ts';
import * as repo from './scheduling.repository.ts';
import { checkDepartmentAndName, type UniqueName, writeUnique } from './scheduling-checks.ts';
import { publishScheduleChanged } from './scheduling-events.ts';
import { toService } from './scheduling-mappers.ts';
import { loadService } from './working-time.ts';

/** Staff see every service; the portal sees only the active ones patients may book themselves. */
export async function listServices(
  db: Executor,
  principal: Principal,
  q: z.infer<typeof ServiceListQuerySchema>,
): Promise<Service[]> {
  const staff = can(principal, 'schedules:read');
  if (!staff && q.active === 'false') return [];
  const rows = await repo.listServices(db, {
    departmentKey: q.department,
    providerId: q.provider,
    active: staff ? (q.active === undefined ? undefined : q.active === 'true') : true,
    selfBookable: staff ? undefined : true,
  });
  const providers = await repo.providerIdsOfServices(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toService(r, providers.get(r.id) ?? []));
}

/** Only active users with a clinical role may offer a service; the first one that is not is named. */
async function checkedProviderIds(db: Executor, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const ok = await activeProviderIds(db, unique);
  const bad = ids.findIndex((id) => !ok.has(id));
  if (bad >= 0) throw fieldError(`body.providerIds.${bad}`, 'is not an active user with a clinical role');
  return unique.sort();
}

const SERVICE_NAME: UniqueName = {
  constraint: 'services_name_unique',
  taken: () => fieldError('body.name', 'is already used by another service'),
  findByName: repo.findServiceByName,
};

export async function createService(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreateServiceSchema>,
): Promise<Service> {
  return writeUnique(ctx.db, SERVICE_NAME, async (tx) => {
    await checkDepartmentAndName(tx, SERVICE_NAME, input);
    const providerIds = await checkedProviderIds(tx, input.providerIds);
    const { providerIds: _, ...fields } = input;
    const row = await repo.insertService(tx, fields);
    await repo.setServiceProviders(tx, row.id, providerIds);
    await writeAudit(tx, actor, {
      action: 'service.create',
      resourceType: 'service',
      resourceId: row.id,
      details: { ...fields, providerIds },
    });
    await publishScheduleChanged(tx, row.id);
    return toService(row, providerIds);
  });
}

export async function updateService(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  patch: z.infer<typeof UpdateServiceSchema>,
): Promise<Service> {
  return writeUnique(ctx.db, SERVICE_NAME, async (tx) => {
    const before = await loadService(tx, id);
    const { providerIds: newProviders, ...fields } = patch;
    await checkDepartmentAndName(tx, SERVICE_NAME, fields, before);
    const providerIds = newProviders === undefined ? undefined : await checkedProviderIds(tx, newProviders);
    await repo.updateService(tx, id, fields);
    if (providerIds) await repo.setServiceProviders(tx, id, providerIds);
    const after = await loadService(tx, id);
    const { createdAt: _, ...beforeDetails } = before;
    await writeAudit(tx, actor, {
      action: 'service.update',
      resourceType: 'service',
      resourceId: id,
      details: { before: beforeDetails, patch },
    });
    await publishScheduleChanged(tx, id);
    return after;
  });
}

/** Active services with a usual price: what billing's price list can start from. */
export async function pricedActiveServices(
  db: Executor,
): Promise<{ id: string; name: string; priceMinor: number }[]> {
  const rows = await repo.listServices(db, { active: true });
  return rows.flatMap((r) =>
    r.priceMinor === null ? [] : [{ id: r.id, name: r.name, priceMinor: r.priceMinor }],
  );
}

import { CLINICAL_ROLES, type Provider, type ProviderListQuerySchema } from '@carebase/contracts';
import type { z } from 'zod';
import { can, type Principal } from '../../platform/access/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './scheduling.repository.ts';

/**
 * Active users with a clinical role and the services they offer. Staff who read schedules also get
 * emails; a portal user gets names only, and only the services it may book itself.
 */
export async function listProviders(
  db: Executor,
  principal: Principal,
  q: z.infer<typeof ProviderListQuerySchema>,
): Promise<Provider[]> {
  const staff = can(principal, 'schedules:read');
  const rows = await repo.usersWithRoles(db, { roleKeys: CLINICAL_ROLES, activeOnly: true });
  const offered = await repo.serviceIdsOfProviders(
    db,
    rows.map((r) => r.id),
  );
  const visible = staff
    ? null
    : new Set((await repo.listServices(db, { active: true, selfBookable: true })).map((s) => s.id));
  const providers = rows.map((r) => {
    const serviceIds = (offered.get(r.id) ?? []).filter((id) => !visible || visible.has(id));
    return {
      id: r.id,
      name: r.name,
      roles: r.roles,
      serviceIds,
      ...(staff ? { email: r.email } : {}),
    };
  });
  return q.service ? providers.filter((p) => p.serviceIds.includes(q.service as string)) : providers;
}

/** Users among `ids` who are active and hold a clinical role. */
export async function activeProviderIds(db: Executor, ids: string[]): Promise<Set<string>> {
  const rows = await repo.usersWithRoles(db, { roleKeys: CLINICAL_ROLES, ids, activeOnly: true });
  return new Set(rows.map((r) => r.id));
}

/** A user with a clinical role (active or not), or 404. */
export async function requireProvider(db: Executor, id: string): Promise<repo.ProviderRow> {
  const [row] = await repo.usersWithRoles(db, { roleKeys: CLINICAL_ROLES, ids: [id], activeOnly: false });
  if (!row) throw new AppError('not_found', 'There is no such provider (a user with a clinical role).');
  return row;
}

/** Can anything be booked yet: an active service, and a provider with weekly hours that still apply. */
export async function bookingReadiness(
  db: Executor,
  today: string,
): Promise<{ hasService: boolean; hasProviderHours: boolean }> {
  return {
    hasService: await repo.hasActiveService(db),
    hasProviderHours: await repo.hasProviderWithHours(db, CLINICAL_ROLES, today),
  };
}

import type { SampleDataCounts, SampleDataRemoved, SampleDataStatus } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { rebuildShareRollups } from '../billing/share-rollups.ts';
import { listDepartments as queueDepartments } from '../queue/queue.service.ts';
import { inTx } from '../queue/queue-tickets.ts';
import { updateDepartment } from '../scheduling/departments.service.ts';
import { updateRoom } from '../scheduling/rooms.service.ts';
import { updateService } from '../scheduling/service-catalog.service.ts';
import { updateUser } from '../users/users.service.ts';
import * as repo from './sample-data.repository.ts';
import { publishSampleRemoved } from './sample-data-events.ts';
import { loadSampleClinic } from './sample-data-loader.ts';

/** Which recorded type each count reads. */
const COUNTED: Record<keyof SampleDataCounts, repo.SampleType> = {
  providers: 'user',
  rooms: 'room',
  services: 'service',
  patients: 'patient',
  appointments: 'appointment',
  queueTickets: 'visit',
  encounters: 'encounter',
};

function countsOf(ids: Map<string, string[]>): SampleDataCounts {
  const entries = Object.entries(COUNTED).map(([k, type]) => [k, ids.get(type)?.length ?? 0]);
  return Object.fromEntries(entries) as SampleDataCounts;
}

export async function sampleDataStatus(db: Executor): Promise<SampleDataStatus> {
  const ids = await repo.sampleIds(db);
  return { loaded: ids.size > 0, counts: countsOf(ids) };
}

/** Loads the demo clinic in one transaction; 409 while an earlier one is still loaded. */
export async function loadSampleData(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
): Promise<SampleDataStatus> {
  return ctx.db.transaction(async (tx) => {
    await repo.lockSampleData(tx);
    if ((await repo.sampleIds(tx)).size)
      throw new AppError('conflict', 'Sample data is already loaded: remove it before loading it again.');
    const counts = await loadSampleClinic(inTx(ctx, tx), principal, actor);
    await writeAudit(tx, actor, {
      action: 'sample_data.load',
      resourceType: 'sample_data',
      details: { counts },
    });
    return { loaded: true, counts };
  });
}

/** Words for the tables real patients' records are most likely kept in; any other is named as it is. */
const RECORD_WORDS: Record<string, string> = {
  appointments: 'appointments',
  visits: 'queue tickets',
  encounters: 'clinical notes',
  vitals: 'vitals',
  prescriptions: 'prescriptions',
  certificates: 'certificates',
  attachments: 'attachments',
};

function blockedMessage(blockers: repo.Blocker[]): string {
  const list = blockers
    .map((b) => `${b.rows} ${RECORD_WORDS[b.table] ?? b.table} (${b.table}.${b.column})`)
    .join(', ');
  return `Real patients' records still use the sample providers, rooms or services: ${list}. Book them with a real provider, room or service first; nothing was removed.`;
}

/**
 * Removes, in one transaction, every recorded sample row and everything hanging off the sample patients,
 * whoever wrote it. Refused (409, nothing removed) while real patients' records point at a sample provider,
 * room or service. A sample account, room or service still referenced elsewhere is deactivated instead.
 */
export async function removeSampleData(ctx: AppContext, actor: ActorContext): Promise<SampleDataRemoved> {
  return ctx.db.transaction(async (tx) => {
    await repo.lockSampleData(tx);
    const ids = await repo.sampleIds(tx);
    if (!ids.size) throw new AppError('not_found', 'No sample data is loaded.');
    const of = (type: repo.SampleType) => ids.get(type) ?? [];
    const blockers = await repo.realPatientReferences(tx, [
      { table: 'users', ids: of('user') },
      { table: 'rooms', ids: of('room') },
      { table: 'services', ids: of('service') },
    ]);
    if (blockers.length) throw new AppError('conflict', blockedMessage(blockers));

    // Queues of departments that go with the sample must refresh too: read them before they go.
    const departments = (await queueDepartments(tx)).items.map((d) => d.key);
    const deleted = await repo.deletePatientData(tx);
    // The share rollups hang off no patient, so they are recomputed when ledger entries of sample patients went
    // (sample data loads none, so this is rare; a full rebuild is simple and exact). A sample doctor's entries
    // and rollup rows all go by provider_id in deleteAccountRows, which keeps them in step.
    if (deleted.get('share_entries')) await rebuildShareRollups(tx);
    await repo.deleteAccountRows(tx, of('user'));
    const scoped = inTx(ctx, tx);
    let deactivated = 0;
    for (const id of of('service')) {
      if (await repo.deleteIfUnreferenced(tx, 'services', id)) continue;
      await updateService(scoped, actor, id, { active: false, providerIds: [] });
      deactivated++;
    }
    for (const id of of('room')) {
      if (await repo.deleteIfUnreferenced(tx, 'rooms', id)) continue;
      await updateRoom(scoped, actor, id, { active: false });
      deactivated++;
    }
    for (const id of of('user')) {
      if (await repo.deleteIfUnreferenced(tx, 'users', id)) continue;
      await updateUser(scoped, actor, id, { active: false });
      deactivated++;
    }
    for (const key of of('department')) {
      if (await repo.deleteIfUnreferenced(tx, 'departments', key)) continue;
      await updateDepartment(scoped, actor, key, { active: false });
      deactivated++;
    }
    await repo.forgetSamples(tx);
    const removed: SampleDataCounts = {
      ...countsOf(ids),
      patients: deleted.get('patients') ?? 0,
      appointments: deleted.get('appointments') ?? 0,
      queueTickets: deleted.get('visits') ?? 0,
      encounters: deleted.get('encounters') ?? 0,
    };
    await writeAudit(tx, actor, {
      action: 'sample_data.remove',
      resourceType: 'sample_data',
      details: { removed, deactivated, rowsByTable: Object.fromEntries(deleted) },
    });
    await publishSampleRemoved(tx, departments);
    return { removed, deactivated };
  });
}

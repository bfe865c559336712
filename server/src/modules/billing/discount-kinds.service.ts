import type {
  CreateDiscountKindSchema,
  DiscountKind,
  DiscountKindListQuerySchema,
  DiscountValue,
  UpdateDiscountKindSchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { type Executor, uniqueViolation } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { checkRoleKeys } from '../roles/roles.service.ts';
import { publishBillingChanged } from './billing-events.ts';
import * as repo from './discount-kinds.repository.ts';

const codeTaken = () => fieldError('body.code', 'is already used by another discount kind');

export function listDiscountKinds(
  db: Executor,
  q: z.infer<typeof DiscountKindListQuerySchema>,
): Promise<DiscountKind[]> {
  return repo.listDiscountKinds(db, { active: q.active === undefined ? undefined : q.active === 'true' });
}

export async function getDiscountKind(db: Executor, id: string): Promise<DiscountKind> {
  const kind = await repo.findDiscountKind(db, id);
  if (!kind) throw new AppError('not_found', 'There is no such discount kind.');
  return kind;
}

/** A discount of nothing would only clutter invoices. */
function checkValue(value: DiscountValue): void {
  if ((value.kind === 'percent' ? value.basisPoints : value.amountMinor) === 0)
    throw fieldError('body.value', 'must be more than zero');
}

/** The values checked and tidied before they are written: known roles, each once, and a value above zero. */
async function checkedFields<T extends { value?: DiscountValue; grantedBy?: string[] }>(
  tx: Executor,
  input: T,
): Promise<T> {
  if (input.value) checkValue(input.value);
  if (!input.grantedBy) return input;
  await checkRoleKeys(tx, input.grantedBy, 'body.grantedBy');
  return { ...input, grantedBy: [...new Set(input.grantedBy)] };
}

export async function createDiscountKind(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreateDiscountKindSchema>,
): Promise<DiscountKind> {
  return ctx.db
    .transaction(async (tx) => {
      if (await repo.findDiscountKindIdByCode(tx, input.code)) throw codeTaken();
      const fields = await checkedFields(tx, input);
      const id = await repo.insertDiscountKind(tx, fields);
      const after = await getDiscountKind(tx, id);
      await writeAudit(tx, actor, {
        action: 'discount_kind.create',
        resourceType: 'discount_kind',
        resourceId: id,
        details: { after: audited(after) },
      });
      await publishBillingChanged(tx, id);
      return after;
    })
    .catch((err: unknown) => {
      // A create racing past the check above meets the unique index: the same answer as the check.
      throw uniqueViolation(err) === 'discount_kinds_code_unique' ? codeTaken() : err;
    });
}

/** Deactivating (active false) is the only way to retire a kind: past invoices keep pointing at it. */
export async function updateDiscountKind(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  patch: z.infer<typeof UpdateDiscountKindSchema>,
): Promise<DiscountKind> {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.lockDiscountKind(tx, id);
    if (!before) throw new AppError('not_found', 'There is no such discount kind.');
    await repo.updateDiscountKind(tx, id, await checkedFields(tx, patch));
    const after = await getDiscountKind(tx, id);
    await writeAudit(tx, actor, {
      action: 'discount_kind.update',
      resourceType: 'discount_kind',
      resourceId: id,
      details: { before: audited(before), after: audited(after) },
    });
    await publishBillingChanged(tx, id);
    return after;
  });
}

function audited(kind: DiscountKind) {
  const { id: _, createdAt: __, ...fields } = kind;
  return fields;
}

import {
  type ContextAnswer,
  type ContextProposal,
  ContextResult,
  type RoleSelection,
} from './associate-pdu.ts';
import type { AcceptedContext } from './association.ts';
import { isStorageSopClass } from './sop-classes.ts';

export interface AcceptancePolicy {
  /** Non-storage abstract syntaxes we serve (verification, query/retrieve models). */
  sopClasses: ReadonlySet<string>;
  acceptStorage: boolean;
  /** C-GET: storage contexts for which the requestor proposes the SCP role (it receives our C-STOREs). */
  acceptStorageForGet: boolean;
  storageTransferSyntaxes: readonly string[];
  queryTransferSyntaxes: readonly string[];
}

/**
 * Answers each proposed context. The transfer syntax is the FIRST one the requestor proposed that we
 * support: an SCU lists its file's own syntax first, so the data set can be kept byte for byte.
 */
export function answerContexts(
  proposals: readonly ContextProposal[],
  policy: AcceptancePolicy,
  roles: readonly RoleSelection[] = [],
): { answers: ContextAnswer[]; accepted: AcceptedContext[] } {
  const getTargets = new Set(roles.filter((r) => r.scpRole).map((r) => r.sopClassUid));
  const answers: ContextAnswer[] = [];
  const accepted: AcceptedContext[] = [];
  for (const proposal of proposals) {
    const storage =
      isStorageSopClass(proposal.abstractSyntax) &&
      (policy.acceptStorage || (policy.acceptStorageForGet && getTargets.has(proposal.abstractSyntax)));
    const fallback = proposal.transferSyntaxes[0] ?? '';
    if (!storage && !policy.sopClasses.has(proposal.abstractSyntax)) {
      answers.push({
        id: proposal.id,
        result: ContextResult.AbstractSyntaxNotSupported,
        transferSyntax: fallback,
      });
      continue;
    }
    const supported = storage ? policy.storageTransferSyntaxes : policy.queryTransferSyntaxes;
    const chosen = proposal.transferSyntaxes.find((ts) => supported.includes(ts));
    if (!chosen) {
      answers.push({
        id: proposal.id,
        result: ContextResult.TransferSyntaxesNotSupported,
        transferSyntax: fallback,
      });
      continue;
    }
    answers.push({ id: proposal.id, result: ContextResult.Acceptance, transferSyntax: chosen });
    accepted.push({ id: proposal.id, abstractSyntax: proposal.abstractSyntax, transferSyntax: chosen });
  }
  return { answers, accepted };
}

/** Accepts the roles proposed for SOP classes we accepted (C-GET: the requestor as storage SCP). */
export function answerRoles(
  requested: readonly RoleSelection[],
  accepted: readonly AcceptedContext[],
): RoleSelection[] {
  const classes = new Set(accepted.map((c) => c.abstractSyntax));
  return requested.filter((r) => classes.has(r.sopClassUid)).map((r) => ({ ...r }));
}

import type { Association } from './association.ts';
import { type ContextRequest, openAssociation } from './association-requestor.ts';
import { CommandField } from './command-set.ts';
import { encodeUidElement, failedSopInstanceUidListTag } from './data-set-element.ts';
import { DimseFailure, Status } from './dimse-status.ts';
import type { DicomInstance, SubOperationCounts } from './dimse-types.ts';
import type { DimseMessage } from './message-assembler.ts';
import { cancellable, readIdentifier, respond, type ScpSession } from './scp-session.ts';
import { errorComment, storeEach } from './store-transfer.ts';

function countFields(counts: SubOperationCounts, withRemaining: boolean) {
  return {
    remainingSubOperations: withRemaining ? counts.remaining : undefined,
    completedSubOperations: counts.completed,
    failedSubOperations: counts.failed,
    warningSubOperations: counts.warning,
  };
}

/** Each needed SOP class with exactly the instance's transfer syntax: we never transcode. */
function storageContexts(instances: readonly DicomInstance[]): ContextRequest[] {
  const seen = new Map<string, ContextRequest>();
  for (const { sopClassUid, transferSyntaxUid } of instances) {
    const key = `${sopClassUid} ${transferSyntaxUid}`;
    if (!seen.has(key)) seen.set(key, { abstractSyntax: sopClassUid, transferSyntaxes: [transferSyntaxUid] });
  }
  return [...seen.values()].slice(0, 128);
}

/** C-MOVE and C-GET: the handler lists the instances, we run the C-STORE sub-operations. */
export async function runRetrieve(session: ScpSession, message: DimseMessage, transferSyntaxUid: string) {
  const { command } = message;
  const kind = command.commandField === CommandField.CMoveRq ? 'move' : 'get';
  const { signal, done } = cancellable(session, command.messageId ?? 0);
  const counts: SubOperationCounts = { remaining: 0, completed: 0, failed: 0, warning: 0 };
  const failedUids: string[] = [];
  let status: number = Status.Success;
  let caught: unknown;
  try {
    const identifier = await readIdentifier(session, message);
    const { retrieve, resolveMoveDestination } = session.services;
    if (!retrieve) throw new DimseFailure(Status.SopClassNotSupported, 'retrieve not served');
    const destination =
      kind === 'move' ? await resolveMoveDestination?.(command.moveDestination ?? '') : undefined;
    if (kind === 'move' && !destination)
      throw new DimseFailure(Status.MoveDestinationUnknown, 'move destination unknown');
    const result = await retrieve(session.info, {
      kind,
      sopClassUid: command.affectedSopClassUid ?? '',
      identifier,
      transferSyntaxUid,
      moveDestination: command.moveDestination,
      signal,
    });
    if ('status' in result) throw new DimseFailure(result.status, result.errorComment);
    const instances = result;
    counts.remaining = instances.length;
    let target: Association | undefined = kind === 'get' ? session.association : undefined;
    if (destination && instances.length > 0) {
      try {
        target = await openAssociation(
          {
            ...destination,
            callingAeTitle: session.services.aeTitle,
            responseTimeoutMs: session.services.subOperationTimeoutMs,
          },
          storageContexts(instances),
        );
      } catch (error) {
        counts.failed = instances.length;
        counts.remaining = 0;
        failedUids.push(...instances.map((i) => i.sopInstanceUid));
        throw new DimseFailure(
          Status.OutOfResourcesSubOperations,
          `move destination: ${errorComment(error)}`,
        );
      }
    }
    if (target) {
      await storeEach(target, instances, {
        signal,
        noContextStatus: Status.OutOfResourcesSubOperations,
        responseTimeoutMs: session.services.subOperationTimeoutMs,
        moveOriginatorAeTitle: kind === 'move' ? session.info.callingAeTitle : undefined,
        moveOriginatorMessageId: kind === 'move' ? command.messageId : undefined,
        onOutcome: async (outcome) => {
          counts.remaining--;
          if (outcome.status === Status.Success) counts.completed++;
          else if ((outcome.status & 0xf000) === 0xb000) counts.warning++;
          else {
            counts.failed++;
            failedUids.push(outcome.sopInstanceUid);
          }
          if (counts.remaining > 0 && !signal.aborted) {
            await respond(session, message, { status: Status.Pending, ...countFields(counts, true) });
          }
        },
      });
      if (target !== session.association) await target.release();
    }
    if (signal.aborted) status = Status.Cancel;
    else if (counts.failed > 0 || counts.warning > 0) status = Status.Warning;
  } catch (error) {
    if (signal.aborted) status = Status.Cancel;
    else {
      caught = error;
      status = error instanceof DimseFailure ? error.status : Status.CannotUnderstand;
    }
  } finally {
    done();
  }
  const dataSet =
    failedUids.length > 0
      ? encodeUidElement(failedSopInstanceUidListTag, failedUids, transferSyntaxUid)
      : undefined;
  await respond(
    session,
    message,
    {
      status,
      errorComment: caught === undefined ? undefined : errorComment(caught),
      ...countFields(counts, status === Status.Cancel),
    },
    dataSet,
  );
  return { status, counts, error: caught };
}

import type { Association } from './association.ts';
import { request } from './association-requestor.ts';
import { type Command, CommandField, noDataSet } from './command-set.ts';
import { failedSopInstanceUidListTag, readStringElement } from './data-set-element.ts';
import { Status, statusKind } from './dimse-status.ts';
import type { SubOperationCounts } from './dimse-types.ts';
import type { DimseMessage } from './message-assembler.ts';
import { AsyncQueue, collect } from './stream-utils.ts';

export const maxResponseDataSet = 16 * 1024 * 1024;

export interface Responses {
  queue: AsyncQueue<DimseMessage>;
  cancel: () => void;
}

/** Sends a Q/R request and queues its responses; a C-CANCEL goes out when `signal` aborts. */
export function startRequest(
  association: Association,
  contextId: number,
  command: Command & { messageId: number },
  identifier: Buffer,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): Responses {
  const queue = new AsyncQueue<DimseMessage>();
  const cancel = () => {
    if (!association.isOpen) return;
    const cancelCommand = {
      commandField: CommandField.CCancelRq,
      commandDataSetType: noDataSet,
      messageIdBeingRespondedTo: command.messageId,
    };
    association.send(contextId, cancelCommand).catch(() => {});
  };
  signal?.addEventListener('abort', cancel, { once: true });
  request(
    association,
    contextId,
    command,
    identifier,
    (response) => {
      queue.push(response);
      return statusKind(response.command.status ?? 0) !== 'pending';
    },
    timeoutMs,
  ).then(
    () => queue.end(),
    (error: Error) => queue.end(error),
  );
  return { queue, cancel: () => signal?.removeEventListener('abort', cancel) };
}

export interface RetrieveOutcome extends SubOperationCounts {
  status: number;
  failedSopInstanceUids: string[];
  errorComment?: string;
}

/** Reads counts and the final status of a C-MOVE/C-GET; `onPending` sees the pending counts. */
export async function collectRetrieve(
  responses: Responses,
  transferSyntaxUid: string,
  onPending?: (counts: SubOperationCounts) => void,
): Promise<RetrieveOutcome> {
  const outcome: RetrieveOutcome = {
    status: Status.ProcessingFailure,
    remaining: 0,
    completed: 0,
    failed: 0,
    warning: 0,
    failedSopInstanceUids: [],
  };
  for await (const { command, dataSet } of responses.queue) {
    outcome.status = command.status ?? outcome.status;
    outcome.remaining = command.remainingSubOperations ?? 0;
    outcome.completed = command.completedSubOperations ?? outcome.completed;
    outcome.failed = command.failedSubOperations ?? outcome.failed;
    outcome.warning = command.warningSubOperations ?? outcome.warning;
    outcome.errorComment = command.errorComment;
    if (dataSet) {
      const failed = readStringElement(
        await collect(dataSet, maxResponseDataSet),
        transferSyntaxUid,
        failedSopInstanceUidListTag,
      );
      if (failed) outcome.failedSopInstanceUids = failed.split('\\');
    }
    if (statusKind(outcome.status) === 'pending') onPending?.(outcome);
  }
  responses.cancel();
  return outcome;
}

import type { Readable } from 'node:stream';
import type { Association } from './association.ts';
import { findContext, request } from './association-requestor.ts';
import { CommandField, dataSetPresent, noDataSet, Priority } from './command-set.ts';
import { DimseFailure, Status } from './dimse-status.ts';
import type { DicomInstance, StoreRequest, StoreResult } from './dimse-types.ts';
import type { DimseMessage } from './message-assembler.ts';

export interface StoreOutcome extends StoreResult {
  sopClassUid: string;
  sopInstanceUid: string;
}

export function errorComment(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 64);
}

/**
 * Answers an incoming C-STORE-RQ (our SCP, or our SCU during C-GET): the handler gets the data set
 * as a stream while it arrives; the response goes out once the whole data set is in.
 */
export async function answerStore(
  association: Association,
  message: DimseMessage,
  handler: (request: StoreRequest, dataSet: Readable) => Promise<StoreResult>,
): Promise<StoreResult & { error?: unknown }> {
  const { command } = message;
  const context = association.contexts.get(message.contextId)!;
  let result: StoreResult;
  let error: unknown;
  if (!message.dataSet)
    result = { status: Status.CannotUnderstand, errorComment: 'C-STORE without a data set' };
  else {
    try {
      result = await handler(
        {
          sopClassUid: command.affectedSopClassUid ?? '',
          sopInstanceUid: command.affectedSopInstanceUid ?? '',
          transferSyntaxUid: context.transferSyntax,
          moveOriginatorAeTitle: command.moveOriginatorAeTitle,
          moveOriginatorMessageId: command.moveOriginatorMessageId,
        },
        message.dataSet,
      );
    } catch (caught) {
      error = caught;
      const status = caught instanceof DimseFailure ? caught.status : Status.CannotUnderstand;
      result = { status, errorComment: errorComment(caught) };
    }
    if (!message.dataSet.destroyed) message.dataSet.resume();
  }
  await message.dataSetReceived;
  await association.send(context.id, {
    commandField: CommandField.CStoreRsp,
    commandDataSetType: noDataSet,
    messageIdBeingRespondedTo: command.messageId,
    affectedSopClassUid: command.affectedSopClassUid,
    affectedSopInstanceUid: command.affectedSopInstanceUid,
    status: result.status,
    errorComment: result.errorComment,
  });
  return { ...result, error };
}

export interface SendOptions {
  moveOriginatorAeTitle?: string;
  moveOriginatorMessageId?: number;
  responseTimeoutMs?: number;
}

/** One C-STORE as SCU over an open association, the data set streamed from `instance.open()`. */
export async function sendStore(
  association: Association,
  contextId: number,
  instance: DicomInstance,
  options: SendOptions = {},
): Promise<StoreResult> {
  let dataSet: Readable;
  try {
    dataSet = await instance.open();
  } catch (error) {
    return { status: Status.ProcessingFailure, errorComment: errorComment(error) };
  }
  const result: StoreResult = { status: Status.ProcessingFailure };
  try {
    await request(
      association,
      contextId,
      {
        commandField: CommandField.CStoreRq,
        commandDataSetType: dataSetPresent,
        messageId: association.nextMessageId(),
        affectedSopClassUid: instance.sopClassUid,
        affectedSopInstanceUid: instance.sopInstanceUid,
        priority: Priority.Medium,
        moveOriginatorAeTitle: options.moveOriginatorAeTitle,
        moveOriginatorMessageId: options.moveOriginatorMessageId,
      },
      dataSet,
      (response) => {
        result.status = response.command.status ?? Status.ProcessingFailure;
        result.errorComment = response.command.errorComment;
        return true;
      },
      options.responseTimeoutMs,
    );
  } catch (error) {
    // A data set that failed half-way leaves the message unfinished: the association cannot go on.
    dataSet.destroy();
    association.abort();
    throw error;
  }
  return result;
}

/**
 * C-STOREs each instance in turn on the context that matches its SOP class and transfer syntax
 * (no transcoding: an instance without one fails with `noContextStatus`).
 */
export async function storeEach(
  association: Association,
  instances: readonly DicomInstance[],
  options: SendOptions & {
    signal?: AbortSignal;
    noContextStatus?: number;
    onOutcome?: (outcome: StoreOutcome, index: number) => Promise<void> | void;
  } = {},
): Promise<StoreOutcome[]> {
  const outcomes: StoreOutcome[] = [];
  for (const [index, instance] of instances.entries()) {
    if (options.signal?.aborted) break;
    const { sopClassUid, sopInstanceUid } = instance;
    const context = findContext(association, sopClassUid, instance.transferSyntaxUid);
    let result: StoreResult;
    if (!context) {
      result = {
        status: options.noContextStatus ?? Status.OutOfResourcesSubOperations,
        errorComment: 'no presentation context',
      };
    } else if (!association.isOpen) {
      result = { status: Status.ProcessingFailure, errorComment: 'association closed' };
    } else {
      try {
        result = await sendStore(association, context.id, instance, options);
      } catch (error) {
        result = { status: Status.ProcessingFailure, errorComment: errorComment(error) };
      }
    }
    const outcome = { sopClassUid, sopInstanceUid, ...result };
    outcomes.push(outcome);
    await options.onOutcome?.(outcome, index);
  }
  return outcomes;
}

import type { Association } from './association.ts';
import { type Command, noDataSet } from './command-set.ts';
import { DimseFailure, Status } from './dimse-status.ts';
import type {
  AssociationInfo,
  DimseEvent,
  FindHandler,
  MoveDestination,
  RetrieveHandler,
  StoreHandler,
} from './dimse-types.ts';
import type { DimseMessage } from './message-assembler.ts';
import { collect } from './stream-utils.ts';

/** The server options the request services need. */
export interface ScpServices {
  aeTitle: string;
  store?: StoreHandler;
  find?: FindHandler;
  retrieve?: RetrieveHandler;
  resolveMoveDestination?: (aeTitle: string) => Promise<MoveDestination | null> | MoveDestination | null;
  maxIdentifierLength: number;
  subOperationTimeoutMs: number;
  emit: (event: DimseEvent) => void;
}

/** One accepted association on the SCP side, with its cancellable operations. */
export interface ScpSession {
  association: Association;
  info: AssociationInfo;
  services: ScpServices;
  /** C-CANCEL targets: message ID of the running C-FIND/C-MOVE/C-GET → its controller. */
  cancels: Map<number, AbortController>;
}

/** Sends the response to `message` with the given fields. */
export function respond(
  session: ScpSession,
  message: DimseMessage,
  fields: Partial<Command> & { status: number },
  dataSet?: Buffer,
): Promise<void> {
  const { command } = message;
  return session.association.send(
    message.contextId,
    {
      commandField: command.commandField | 0x8000,
      commandDataSetType: dataSet ? 0x0000 : noDataSet,
      messageIdBeingRespondedTo: command.messageId,
      affectedSopClassUid: command.affectedSopClassUid,
      ...fields,
    },
    dataSet,
  );
}

/** A controller aborted by C-CANCEL on `messageId` or by the end of the association. */
export function cancellable(
  session: ScpSession,
  messageId: number,
): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  session.cancels.set(messageId, controller);
  const onEnd = () => controller.abort(session.association.signal.reason);
  session.association.signal.addEventListener('abort', onEnd, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      session.cancels.delete(messageId);
      session.association.signal.removeEventListener('abort', onEnd);
    },
  };
}

/** The identifier of a C-FIND/C-MOVE/C-GET request, read whole (it is small). */
export async function readIdentifier(session: ScpSession, message: DimseMessage): Promise<Buffer> {
  if (!message.dataSet)
    throw new DimseFailure(Status.DataSetDoesNotMatchSopClass, 'request without identifier');
  return collect(message.dataSet, session.services.maxIdentifierLength);
}

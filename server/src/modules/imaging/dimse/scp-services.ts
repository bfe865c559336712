import { CommandField } from './command-set.ts';
import { DimseFailure, Status } from './dimse-status.ts';
import type { DimseOperation, SubOperationCounts } from './dimse-types.ts';
import type { DimseMessage } from './message-assembler.ts';
import { runRetrieve } from './scp-retrieve.ts';
import { cancellable, readIdentifier, respond, type ScpSession } from './scp-session.ts';
import { findSopClasses, getSopClasses, isStorageSopClass, moveSopClasses, SopClass } from './sop-classes.ts';
import { answerStore, errorComment } from './store-transfer.ts';

interface Outcome {
  status: number;
  sopInstanceUid?: string;
  counts?: SubOperationCounts;
  error?: unknown;
}

const services: Record<number, { operation: DimseOperation; accepts: (sopClass: string) => boolean }> = {
  [CommandField.CEchoRq]: { operation: 'C-ECHO', accepts: (uid) => uid === SopClass.Verification },
  [CommandField.CStoreRq]: { operation: 'C-STORE', accepts: isStorageSopClass },
  [CommandField.CFindRq]: { operation: 'C-FIND', accepts: (uid) => findSopClasses.includes(uid) },
  [CommandField.CMoveRq]: { operation: 'C-MOVE', accepts: (uid) => moveSopClasses.includes(uid) },
  [CommandField.CGetRq]: { operation: 'C-GET', accepts: (uid) => getSopClasses.includes(uid) },
};

/** Runs one request received on an SCP association; never throws, never aborts the association. */
export function handleRequest(session: ScpSession, message: DimseMessage): void {
  const { command } = message;
  if (command.commandField === CommandField.CCancelRq) {
    session.cancels.get(command.messageIdBeingRespondedTo ?? -1)?.abort(new Error('C-CANCEL'));
    return;
  }
  if (command.commandField & 0x8000) return; // a response nobody waits for (e.g. after a cancel)
  const service = services[command.commandField];
  const context = session.association.contexts.get(message.contextId)!;
  const started = Date.now();
  void session.association.track(async () => {
    let outcome: Outcome;
    try {
      if (!service) {
        message.dataSet?.resume();
        await message.dataSetReceived;
        outcome = { status: Status.UnrecognizedOperation };
        await respond(session, message, { status: outcome.status });
      } else if (
        !service.accepts(context.abstractSyntax) ||
        command.affectedSopClassUid !== context.abstractSyntax
      ) {
        message.dataSet?.resume();
        await message.dataSetReceived;
        outcome = { status: Status.SopClassNotSupported };
        await respond(session, message, {
          status: outcome.status,
          affectedSopInstanceUid: command.affectedSopInstanceUid,
        });
      } else outcome = await run(session, message, context.transferSyntax);
    } catch (error) {
      // Only a broken association gets here (the response could not be sent).
      outcome = { status: Status.ProcessingFailure, error };
    }
    session.services.emit({
      type: 'operation',
      association: session.info,
      operation: service?.operation ?? 'C-ECHO',
      sopClassUid: command.affectedSopClassUid ?? '',
      sopInstanceUid: outcome.sopInstanceUid,
      status: outcome.status,
      durationMs: Date.now() - started,
      counts: outcome.counts,
      error: outcome.error instanceof Error ? outcome.error : undefined,
    });
  });
}

async function run(session: ScpSession, message: DimseMessage, transferSyntaxUid: string): Promise<Outcome> {
  const { command } = message;
  const { store } = session.services;
  switch (command.commandField) {
    case CommandField.CEchoRq:
      await respond(session, message, { status: Status.Success });
      return { status: Status.Success };
    case CommandField.CStoreRq: {
      const result = await answerStore(session.association, message, async (request, dataSet) => {
        if (!store) throw new DimseFailure(Status.SopClassNotSupported, 'storage not served');
        return store(session.info, request, dataSet);
      });
      return { status: result.status, sopInstanceUid: command.affectedSopInstanceUid, error: result.error };
    }
    case CommandField.CFindRq:
      return runFind(session, message, transferSyntaxUid);
    default:
      return runRetrieve(session, message, transferSyntaxUid);
  }
}

async function runFind(
  session: ScpSession,
  message: DimseMessage,
  transferSyntaxUid: string,
): Promise<Outcome> {
  const { find } = session.services;
  const { signal, done } = cancellable(session, message.command.messageId ?? 0);
  let status: number = Status.Success;
  let caught: unknown;
  try {
    const identifier = await readIdentifier(session, message);
    if (!find) throw new DimseFailure(Status.SopClassNotSupported, 'query not served');
    const request = {
      sopClassUid: message.command.affectedSopClassUid ?? '',
      identifier,
      transferSyntaxUid,
      signal,
    };
    for await (const match of find(session.info, request)) {
      if (signal.aborted) break;
      const identifierBytes = Buffer.isBuffer(match) ? match : match.identifier;
      const pending = Buffer.isBuffer(match) ? Status.Pending : (match.status ?? Status.Pending);
      await respond(session, message, { status: pending }, identifierBytes);
    }
  } catch (error) {
    if (!signal.aborted) {
      caught = error;
      status = error instanceof DimseFailure ? error.status : Status.CannotUnderstand;
    }
  } finally {
    done();
  }
  if (signal.aborted) status = Status.Cancel;
  await respond(session, message, {
    status,
    errorComment: caught === undefined || status === Status.Cancel ? undefined : errorComment(caught),
  });
  return { status, error: caught };
}

import {
  CERTIFICATE_CHANGED_EVENT,
  CHART_CHANGED_EVENT,
  DENTAL_CHANGED_EVENT,
  EVENT_TYPES,
  PATIENT_CHANGED_EVENT,
  type ServerEvent,
  ServerEventSchema,
} from '@carebase/contracts';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { monitoringKeys, patientKeys, queryKeys } from './query-keys.ts';

/** Which cached queries go stale when the server announces a change. The one place this is decided. */
export const EVENT_INVALIDATIONS: Readonly<Record<string, readonly QueryKey[]>> = {
  [EVENT_TYPES.userChanged]: [queryKeys.users, queryKeys.me],
  [EVENT_TYPES.roleChanged]: [queryKeys.roles, queryKeys.me],
  // `me` carries the user's own settings (language, theme), so it follows settings changes too; a doctor's
  // certificate inbox follows the clinic's rule on approving one's own drafts.
  [EVENT_TYPES.settingsChanged]: [queryKeys.settings, queryKeys.me, queryKeys.certificates],
  [EVENT_TYPES.outboxChanged]: [queryKeys.outbox],
  [EVENT_TYPES.jobChanged]: [queryKeys.jobs],
  // Certificate lists, the doctors' inbox and its count badge all live under ['certificates'].
  [CERTIFICATE_CHANGED_EVENT]: [queryKeys.certificates],
  [DENTAL_CHANGED_EVENT]: [queryKeys.dental],
  // A check-in changes both the appointment and the queue; each side announces its own change.
  [EVENT_TYPES.queueChanged]: [queryKeys.queueLists],
  [EVENT_TYPES.appointmentChanged]: [queryKeys.appointments],
  [EVENT_TYPES.displayRevoked]: [queryKeys.displays],
  [EVENT_TYPES.scheduleChanged]: [queryKeys.schedules],
  [EVENT_TYPES.priceListChanged]: [queryKeys.priceList],
  [EVENT_TYPES.billingChanged]: [queryKeys.billing],
  // A backup started, moved to its next phase or finished: the list, its figures and the open detail.
  [EVENT_TYPES.backupChanged]: [queryKeys.backups],
  // A new sample: the charts, and the figures taken with it (instances' heartbeats, the application's state).
  [EVENT_TYPES.monitoringSampled]: [
    monitoringKeys.samples(),
    monitoringKeys.instances(),
    monitoringKeys.application(),
  ],
  [EVENT_TYPES.alertChanged]: [queryKeys.alerts],
  // A study arrived, was linked or deleted: the study lists, the open study, the charts' imaging, conflicts.
  [EVENT_TYPES.imagingChanged]: [queryKeys.imaging],
};

/**
 * Events about one resource (resourceId is the patient id): only that patient's queries go stale. Without an
 * id, the whole family does.
 */
export const RESOURCE_EVENT_INVALIDATIONS: Readonly<
  Record<string, (resourceId: string | null) => readonly QueryKey[]>
> = {
  // A changed record may show in any search list, in a duplicate check and in its own chart header.
  [PATIENT_CHANGED_EVENT]: (id) =>
    id ? [patientKeys.lists(), patientKeys.duplicates(), patientKeys.detail(id)] : [queryKeys.patients],
  // Opening, editing and signing a note change the author's list of unsigned notes; an upload, the clinicians'
  // lists of new files.
  [CHART_CHANGED_EVENT]: (id) => [
    id ? patientKeys.chart(id) : queryKeys.chart,
    queryKeys.unsignedNotes,
    queryKeys.recentDocuments,
  ],
};

export function queryKeysForEvent(event: Pick<ServerEvent, 'type' | 'resourceId'>): readonly QueryKey[] {
  const perResource = RESOURCE_EVENT_INVALIDATIONS[event.type];
  if (perResource) return perResource(event.resourceId ?? null);
  return EVENT_INVALIDATIONS[event.type] ?? [];
}

/** True when the event ends the session of the signed-in user. */
export function isOwnSessionRevoked(event: ServerEvent, currentUserId: string | null): boolean {
  return (
    event.type === EVENT_TYPES.sessionRevoked && currentUserId !== null && event.userId === currentUserId
  );
}

/** A message from the socket as a ServerEvent, or null when it is not one. */
export function parseServerEvent(data: unknown): ServerEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = ServerEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Events that arrive this close together (one action often announces several changes) refresh once. */
export const EVENT_BATCH_MS = 50;

/**
 * Collects the query keys of events arriving within EVENT_BATCH_MS and invalidates each distinct key once, so
 * a burst of events does not start a fetch and then abort it for the next one.
 */
export function createInvalidationBatch(
  invalidate: (queryKey: QueryKey) => void,
  schedule: (run: () => void, ms: number) => ReturnType<typeof setTimeout> = setTimeout,
) {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) invalidate(queryKey);
  };
  return {
    add(keys: readonly QueryKey[]) {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      if (pending.size > 0 && timer === null) timer = schedule(flush, EVENT_BATCH_MS);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}

/** The query clients whose event socket is open now: their changes come back as events. */
const liveClients = new WeakSet<QueryClient>();

/**
 * After this tab changed something: while the socket is open the server's event (sent after commit) refreshes
 * the affected queries, so refreshing here too would only fetch twice (and abort one); without it, refresh now.
 */
export function refreshAfterChange(queryClient: QueryClient, keys: readonly QueryKey[]): void {
  if (liveClients.has(queryClient)) return;
  for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
}

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/** Exponential backoff with jitter: about 1 s, 2 s, 4 s … capped at 30 s. `random` is injectable for tests. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export function eventsUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/events`;
}

export interface EventConnectionOptions {
  queryClient: QueryClient;
  currentUserId: () => string | null;
  onSessionRevoked: () => void;
  url?: string;
}

/**
 * Opens the one WebSocket of the app and keeps it open (reconnecting with backoff) until the returned
 * function is called. Each event invalidates the queries it concerns; after a reconnect everything is
 * invalidated, because events may have been missed meanwhile.
 */
export function connectEvents(options: EventConnectionOptions): () => void {
  const { queryClient } = options;
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let everConnected = false;
  let stopped = false;
  const batch = createInvalidationBatch((queryKey) => void queryClient.invalidateQueries({ queryKey }));

  const handleEvent = (event: ServerEvent) => {
    if (isOwnSessionRevoked(event, options.currentUserId())) {
      options.onSessionRevoked();
      return;
    }
    batch.add(queryKeysForEvent(event));
  };

  const open = () => {
    if (stopped) return;
    const ws = new WebSocket(options.url ?? eventsUrl());
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      liveClients.add(queryClient);
      if (everConnected) void queryClient.invalidateQueries();
      everConnected = true;
    });
    ws.addEventListener('message', (message) => {
      const event = parseServerEvent(message.data);
      if (event) handleEvent(event);
    });
    ws.addEventListener('close', () => {
      if (socket === ws) {
        socket = null;
        liveClients.delete(queryClient);
      }
      if (stopped) return;
      timer = setTimeout(open, reconnectDelay(attempt));
      attempt += 1;
    });
  };

  open();

  return () => {
    stopped = true;
    liveClients.delete(queryClient);
    batch.cancel();
    if (timer) clearTimeout(timer);
    socket?.close(1000, 'bye');
    socket = null;
  };
}

import { EVENT_TYPES, type ServerEvent } from '@carebase/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  connectEvents,
  EVENT_BATCH_MS,
  EVENT_INVALIDATIONS,
  eventsUrl,
  isOwnSessionRevoked,
  parseServerEvent,
  queryKeysForEvent,
  reconnectDelay,
  refreshAfterChange,
} from './events.ts';

const USER = '6f1c2a4e-8b7d-4c3e-9a1f-2b3c4d5e6f70';
const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function event(type: string, extra: Partial<ServerEvent> = {}): ServerEvent {
  return { type, permission: null, at: '2024-05-01T10:00:00Z', ...extra };
}

describe('queryKeysForEvent', () => {
  it('maps each event type to the query families it makes stale', () => {
    expect(queryKeysForEvent(event(EVENT_TYPES.userChanged))).toEqual([['users'], ['me']]);
    expect(queryKeysForEvent(event(EVENT_TYPES.roleChanged))).toEqual([['roles'], ['me']]);
    expect(queryKeysForEvent(event(EVENT_TYPES.settingsChanged))).toEqual([
      ['settings'],
      ['me'],
      ['certificates'],
    ]);
    expect(queryKeysForEvent(event(EVENT_TYPES.outboxChanged))).toEqual([['outbox']]);
    expect(queryKeysForEvent(event(EVENT_TYPES.jobChanged))).toEqual([['jobs']]);
  });

  it('sends patient and chart events to the queries of that one patient', () => {
    const id = '3f2b8c1e-1111-4222-8333-444455556666';
    expect(queryKeysForEvent(event('patient.changed', { resourceId: id }))).toEqual([
      ['patients', 'list'],
      ['patients', 'duplicates'],
      ['patients', 'detail', id],
    ]);
    // The author's list of unsigned notes and the clinicians' new files follow every chart change.
    expect(queryKeysForEvent(event('chart.changed', { resourceId: id }))).toEqual([
      ['chart', id],
      ['unsignedNotes'],
      ['recentDocuments'],
    ]);
    expect(queryKeysForEvent(event('patient.changed'))).toEqual([['patients']]);
    expect(queryKeysForEvent(event('chart.changed', { resourceId: null }))).toEqual([
      ['chart'],
      ['unsignedNotes'],
      ['recentDocuments'],
    ]);
  });

  it("sends certificate and dental events to those families: lists, the doctors' inbox and its count", () => {
    expect(queryKeysForEvent(event('certificate.changed', { resourceId: USER }))).toEqual([['certificates']]);
    expect(queryKeysForEvent(event('dental.changed', { resourceId: USER }))).toEqual([['dental']]);
  });

  it('sends queue and appointment events to the front desk, doctor panel and calendar queries', () => {
    // Ticket lists only: a queue change leaves the departments and providers as they were.
    expect(queryKeysForEvent(event(EVENT_TYPES.queueChanged, { department: 'general' }))).toEqual([
      ['queue', 'list'],
    ]);
    expect(queryKeysForEvent(event(EVENT_TYPES.appointmentChanged, { resourceId: USER }))).toEqual([
      ['appointments'],
    ]);
  });

  it('sends billing changes (payments, refunds, cash drawers) to every billing query', () => {
    expect(queryKeysForEvent(event(EVENT_TYPES.billingChanged, { resourceId: USER }))).toEqual([['billing']]);
  });

  it('sends backup progress to the backups list and details', () => {
    expect(queryKeysForEvent(event(EVENT_TYPES.backupChanged, { resourceId: USER }))).toEqual([['backups']]);
  });

  it('sends a new monitoring sample to the charts, instances and application figures; alerts to the alerts', () => {
    expect(queryKeysForEvent(event(EVENT_TYPES.monitoringSampled))).toEqual([
      ['monitoring', 'samples'],
      ['monitoring', 'instances'],
      ['monitoring', 'application'],
    ]);
    expect(queryKeysForEvent(event(EVENT_TYPES.alertChanged))).toEqual([['alerts']]);
  });

  it('sends imaging changes (a study arrived, linked or deleted) to every imaging query', () => {
    expect(queryKeysForEvent(event(EVENT_TYPES.imagingChanged))).toEqual([['imaging']]);
  });

  it('ignores events it does not know, and session ends are not cache matters', () => {
    expect(queryKeysForEvent(event('lab.changed'))).toEqual([]);
    expect(queryKeysForEvent(event(EVENT_TYPES.sessionRevoked))).toEqual([]);
    expect(Object.keys(EVENT_INVALIDATIONS)).not.toContain(EVENT_TYPES.sessionRevoked);
  });
});

describe('isOwnSessionRevoked', () => {
  it('is true only for the signed-in user', () => {
    expect(isOwnSessionRevoked(event(EVENT_TYPES.sessionRevoked, { userId: USER }), USER)).toBe(true);
    expect(isOwnSessionRevoked(event(EVENT_TYPES.sessionRevoked, { userId: OTHER }), USER)).toBe(false);
    expect(isOwnSessionRevoked(event(EVENT_TYPES.sessionRevoked), USER)).toBe(false);
    expect(isOwnSessionRevoked(event(EVENT_TYPES.userChanged, { userId: USER }), USER)).toBe(false);
    expect(isOwnSessionRevoked(event(EVENT_TYPES.sessionRevoked, { userId: USER }), null)).toBe(false);
  });
});

describe('parseServerEvent', () => {
  it('accepts events of the contract and nothing else', () => {
    expect(parseServerEvent(JSON.stringify(event('user.changed', { resourceId: 'x' })))).toMatchObject({
      type: 'user.changed',
      resourceId: 'x',
    });
    expect(parseServerEvent('not json')).toBeNull();
    expect(parseServerEvent(JSON.stringify({ type: 'x' }))).toBeNull();
    expect(parseServerEvent(new ArrayBuffer(2))).toBeNull();
  });
});

describe('reconnectDelay', () => {
  it('grows exponentially with jitter and is capped', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(3, () => 1)).toBe(8000);
    expect(reconnectDelay(20, () => 1)).toBe(30000);
    expect(reconnectDelay(20, () => 0)).toBe(15000);
  });
});

describe('eventsUrl', () => {
  it('follows the page protocol', () => {
    expect(eventsUrl({ protocol: 'https:', host: 'clinic.example:8443' })).toBe(
      'wss://clinic.example:8443/api/events',
    );
    expect(eventsUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/api/events');
  });
});

class FakeSocket extends EventTarget {
  static instances: FakeSocket[] = [];
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeSocket.instances.push(this);
  }
  close() {
    this.closed = true;
    this.dispatchEvent(new Event('close'));
  }
  receive(data: unknown) {
    const message = new Event('message') as Event & { data: unknown };
    message.data = typeof data === 'string' ? data : JSON.stringify(data);
    this.dispatchEvent(message);
  }
}

describe('connectEvents', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function setup() {
    const invalidateQueries = vi.fn(async () => {});
    const onSessionRevoked = vi.fn();
    const queryClient = { invalidateQueries } as unknown as QueryClient;
    const stop = connectEvents({
      queryClient,
      currentUserId: () => USER,
      onSessionRevoked,
      url: 'ws://test/api/events',
    });
    return { invalidateQueries, onSessionRevoked, queryClient, stop };
  }

  it('invalidates the mapped queries for each event', () => {
    const { invalidateQueries, stop } = setup();
    const socket = FakeSocket.instances[0]!;
    socket.dispatchEvent(new Event('open'));
    socket.receive(event(EVENT_TYPES.userChanged));
    vi.advanceTimersByTime(EVENT_BATCH_MS);
    expect(invalidateQueries).toHaveBeenCalledWith({ queryKey: ['users'] });
    expect(invalidateQueries).toHaveBeenCalledWith({ queryKey: ['me'] });
    socket.receive('garbage');
    expect(invalidateQueries).toHaveBeenCalledTimes(2);
    stop();
  });

  it('refreshes once for a burst of events, without aborting a fetch for each', () => {
    const { invalidateQueries, stop } = setup();
    const socket = FakeSocket.instances[0]!;
    socket.dispatchEvent(new Event('open'));
    socket.receive(event(EVENT_TYPES.queueChanged, { department: 'general' }));
    socket.receive(event(EVENT_TYPES.queueChanged, { department: 'general' }));
    socket.receive(event(EVENT_TYPES.appointmentChanged, { resourceId: USER }));
    expect(invalidateQueries).not.toHaveBeenCalled();
    vi.advanceTimersByTime(EVENT_BATCH_MS);
    expect(invalidateQueries.mock.calls).toEqual([
      [{ queryKey: ['queue', 'list'] }],
      [{ queryKey: ['appointments'] }],
    ]);
    socket.receive(event(EVENT_TYPES.queueChanged, { department: 'general' }));
    vi.advanceTimersByTime(EVENT_BATCH_MS);
    expect(invalidateQueries).toHaveBeenCalledTimes(3);
    stop();
  });

  it("leaves a change's refresh to its event while the socket is open, and refreshes itself otherwise", () => {
    const { invalidateQueries, queryClient, stop } = setup();
    const socket = FakeSocket.instances[0]!;
    refreshAfterChange(queryClient, [['queue', 'list']]);
    expect(invalidateQueries).toHaveBeenCalledTimes(1);
    socket.dispatchEvent(new Event('open'));
    refreshAfterChange(queryClient, [['queue', 'list']]);
    expect(invalidateQueries).toHaveBeenCalledTimes(1);
    socket.dispatchEvent(new Event('close'));
    refreshAfterChange(queryClient, [['certificates']]);
    expect(invalidateQueries).toHaveBeenLastCalledWith({ queryKey: ['certificates'] });
    stop();
  });

  it('ends the session when the server revokes it', () => {
    const { onSessionRevoked, invalidateQueries, stop } = setup();
    FakeSocket.instances[0]!.receive(event(EVENT_TYPES.sessionRevoked, { userId: USER }));
    expect(onSessionRevoked).toHaveBeenCalledOnce();
    expect(invalidateQueries).not.toHaveBeenCalled();
    stop();
  });

  it('reconnects after a drop and refreshes everything it may have missed', () => {
    const { invalidateQueries, stop } = setup();
    const first = FakeSocket.instances[0]!;
    first.dispatchEvent(new Event('open'));
    first.dispatchEvent(new Event('close'));
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.instances[1]!.dispatchEvent(new Event('open'));
    expect(invalidateQueries).toHaveBeenCalledWith();
    stop();
  });

  it('stops for good when asked', () => {
    const { stop } = setup();
    stop();
    expect(FakeSocket.instances[0]!.closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });
});

import WebSocket from 'ws';

type Arrival = Map<string, number>;

/** A WebSocket on /api/events that notes when each queue.changed event (by visit id) first arrived. */
export type EventClient = { arrivals: Arrival; socket: WebSocket };

export function connectClient(base: string, token: string): Promise<EventClient> {
  const arrivals: Arrival = new Map();
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/events`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      const at = performance.now();
      const event = JSON.parse(String(data)) as { type: string; resourceId?: string | null };
      if (event.type === 'hello') resolve({ arrivals, socket });
      else if (event.type === 'queue.changed' && event.resourceId && !arrivals.has(event.resourceId))
        arrivals.set(event.resourceId, at);
    });
  });
}

/** Resolves once every client has seen the event of `id`, or after `timeoutMs` (the rest count as lost). */
export async function allArrived(clients: EventClient[], id: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (clients.some((c) => !c.arrivals.has(id)) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 2));
}

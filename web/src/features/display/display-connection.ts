import { DisplayMessageSchema, type DisplayState, DisplayStateSchema } from '@carebase/contracts';
import { reconnectDelay } from '../../lib/events.ts';

export type DisplayStatus = 'connecting' | 'live' | 'reconnecting' | 'invalid';

/** Close code of the display socket when its token is revoked (as on /api/events). */
const UNAUTHORIZED = 4401;

export function displaySocketUrl(
  department: string,
  token: string,
  loc: Pick<Location, 'protocol' | 'host'> = window.location,
): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/api/display/${encodeURIComponent(department)}/socket?token=${encodeURIComponent(token)}`;
}

/** A socket message as the display state, or null when it is not one. */
export function parseDisplayMessage(data: unknown): DisplayState | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = DisplayMessageSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data.state : null;
  } catch {
    return null;
  }
}

/**
 * Asks the HTTP twin of the socket: the state, 'invalid' for a token the server refuses (401/403/404), or null
 * when the server cannot be reached. A browser is not told why a WebSocket upgrade failed, so this tells it.
 */
async function fetchState(department: string, token: string): Promise<DisplayState | 'invalid' | null> {
  try {
    const res = await fetch(`/api/display/${encodeURIComponent(department)}`, {
      headers: { 'x-display-token': token, accept: 'application/json' },
      cache: 'no-store',
    });
    if (res.status === 401 || res.status === 403 || res.status === 404) return 'invalid';
    if (!res.ok) return null;
    const parsed = DisplayStateSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface DisplayConnectionOptions {
  department: string;
  token: string;
  onState: (state: DisplayState) => void;
  onStatus: (status: DisplayStatus) => void;
}

/**
 * Keeps a display's socket open, reconnecting with backoff, until the returned function is called. Each time it
 * (re)connects the server sends the whole state, so nothing missed while away stays missing.
 */
export function connectDisplay(options: DisplayConnectionOptions): () => void {
  const { department, token, onState, onStatus } = options;
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;

  const retry = () => {
    if (stopped) return;
    onStatus('reconnecting');
    timer = setTimeout(() => void open(), reconnectDelay(attempt));
    attempt += 1;
  };

  const open = async () => {
    if (stopped) return;
    const checked = await fetchState(department, token);
    if (stopped) return;
    if (checked === 'invalid') {
      onStatus('invalid');
      return;
    }
    if (checked) onState(checked);
    const ws = new WebSocket(displaySocketUrl(department, token));
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      onStatus('live');
    });
    ws.addEventListener('message', (message) => {
      const state = parseDisplayMessage(message.data);
      if (state) onState(state);
    });
    ws.addEventListener('close', (event) => {
      if (socket === ws) socket = null;
      if (stopped) return;
      if (event.code === UNAUTHORIZED) onStatus('invalid');
      else retry();
    });
  };

  onStatus('connecting');
  void open();

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    socket?.close(1000, 'bye');
    socket = null;
  };
}

/** Tickets called since the previous state: what the chime announces. */
export function newlyCalled(previous: DisplayState | null, next: DisplayState): string[] {
  if (!previous) return [];
  const seen = new Set(previous.nowServing.map((s) => `${s.ticket}@${s.calledAt}`));
  return next.nowServing.filter((s) => !seen.has(`${s.ticket}@${s.calledAt}`)).map((s) => s.ticket);
}

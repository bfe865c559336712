import { randomUUID } from 'node:crypto';
import type { ServerOptions, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Problem } from '@carebase/contracts';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../../config.ts';
import { type ErrorCode, statusOf, titleOf } from '../errors.ts';

type Timeouts = Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'>;

/**
 * How often Node looks for requests past their deadline. Node's default (30 s) would let a stalled request
 * live up to twice the timeout; a tenth of the shortest deadline, between 50 ms and 1 s, keeps it close.
 */
export function checkingIntervalMs(t: Timeouts): number {
  return Math.min(1000, Math.max(50, Math.floor(Math.min(t.headersTimeoutMs, t.requestTimeoutMs) / 10)));
}

/**
 * Deadlines for a client to send its request. Fastify turns Node's request timeout off by default, so a
 * client that declares a body and never sends it held its socket forever. Node checks the deadlines itself
 * (headers within headersTimeout, the whole request within requestTimeout) and reports a late one as a
 * client error; clientErrorHandler below answers it with 408 and closes the socket.
 */
export function serverTimeouts(t: Timeouts): {
  requestTimeout: number;
  keepAliveTimeout: number;
  http: ServerOptions;
  clientErrorHandler: NonNullable<FastifyServerOptions['clientErrorHandler']>;
} {
  return {
    // Fastify sets these two on the server after creating it; `http` goes to http.createServer, which
    // checks headersTimeout ≤ requestTimeout and starts the deadline checks at the given interval.
    requestTimeout: t.requestTimeoutMs,
    keepAliveTimeout: t.keepAliveTimeoutMs,
    http: {
      headersTimeout: t.headersTimeoutMs,
      requestTimeout: t.requestTimeoutMs,
      connectionsCheckingInterval: checkingIntervalMs(t),
    },
    clientErrorHandler,
  };
}

/** Node's errors about a client's bytes (late, oversized headers, unparsable) to our problem codes. */
function codeOf(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  return 'bad_request';
}

const DETAILS: Partial<Record<ErrorCode, string>> = {
  request_timeout: 'The request did not arrive in time; the connection is closed.',
  headers_too_large: 'The request headers are too large.',
  bad_request: 'The request could not be read.',
};

/**
 * Answers a client error that happened outside any route (no request object exists) as problem+json, then
 * closes the socket. Like Node's own handler, it writes nothing when a response has already started on this
 * socket (the bytes would corrupt it), and nothing to a reset or closed socket.
 */
function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const code = codeOf(error);
    const status = statusOf(code);
    const problem: Problem = {
      type: `https://carebase.dev/problems/${code}`,
      title: titleOf(code),
      status,
      code,
      requestId: randomUUID(),
      detail: DETAILS[code] ?? titleOf(code),
    };
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy();
}

import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** Query parameters whose values are secrets or credentials (display tokens, reset links, codes…). */
const SECRET_PARAM = /token|secret|password|passwd|key|code|sig|otp|auth/i;

/** The URL with the values of secret-looking query parameters replaced, for logs. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url.slice(q + 1).split('&');
  let changed = false;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    let name = pair.slice(0, eq);
    try {
      name = decodeURIComponent(name);
    } catch {
      // a malformed name is checked as it is
    }
    if (SECRET_PARAM.test(name)) {
      pairs[i] = `${pair.slice(0, eq)}=[redacted]`;
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q + 1)}${pairs.join('&')}` : url;
}

/** Probes that load balancers and monitors call every few seconds: logged at debug, not info. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** What the logger records of a request wherever one is logged: no headers, and the URL redacted. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: redactUrl(request.url) };
}

type Levelled = FastifyRequest['log'] & { isLevelEnabled(level: string): boolean };

/**
 * Fastify's request lines, made cheap: nothing when a request arrives, and one line when it is answered with
 * method, redacted URL, status and time (and the request id from the request's logger). Health probes are
 * logged at debug. Nothing is built for a line whose level is off.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const q = request.url.indexOf('?');
    const level = error
      ? 'error'
      : PROBES.has(q < 0 ? request.url : request.url.slice(0, q))
        ? 'debug'
        : 'info';
    // Fastify's logger type leaves out pino's isLevelEnabled, which its logger has.
    const log = request.log as Levelled;
    if (!log.isLevelEnabled(level)) return;
    const line = {
      method: request.method,
      url: redactUrl(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) log.error({ ...line, err: error }, 'request errored');
    else log[level](line, 'request');
  }
}

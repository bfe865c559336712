import type { FieldError, Problem } from '@carebase/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { sqlState } from '../db/database.ts';
import { AppError, type ErrorCode, statusOf, titleOf } from '../errors.ts';
import { NUL_MESSAGE, unreadableTextFields } from './text-input.ts';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail?: string,
  errors?: FieldError[],
) {
  const status = statusOf(code);
  const body: Problem = {
    type: `https://carebase.dev/problems/${code}`,
    title: titleOf(code),
    status,
    code,
    requestId: String(request.id),
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
  return reply.status(status).type('application/problem+json').send(body);
}

function pathOf(context: string | undefined, instancePath: string, missing?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof missing === 'string') parts.push(missing);
  const where = context === 'querystring' ? 'query' : (context ?? 'body');
  return [where, ...parts].join('.');
}

/** Fastify's own errors, by code, to ours. Anything unknown with a 4xx status stays a 4xx. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
};

/** SQLSTATEs of text PostgreSQL cannot store (a NUL character, in text or in JSON): bad input, not a fault. */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/** The one place where errors become HTTP responses: application/problem+json, never internals on 5xx. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return send(reply, request, error.code, error.message, error.fields);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const fields = error.validation.flatMap((v) => {
        const params = v.params as { missingProperty?: unknown; keys?: unknown };
        // A strict object's unknown keys are reported on the object; name each key instead.
        if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys) && params.keys.length) {
          return params.keys.map((key) => ({
            path: pathOf(context, v.instancePath, String(key)),
            message: 'is not a known field',
          }));
        }
        return [
          {
            path: pathOf(context, v.instancePath, params?.missingProperty),
            message: v.message ?? 'is not valid',
          },
        ];
      });
      return send(
        reply,
        request,
        'validation_failed',
        fields.map((f) => `${f.path}: ${f.message}`).join('; '),
        fields,
      );
    }
    if (error.statusCode === 429) {
      return send(reply, request, 'rate_limited', 'Too many requests; wait a minute and try again.');
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return send(reply, request, mapped, error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, request, error.statusCode === 404 ? 'not_found' : 'bad_request', error.message);
    }
    const state = sqlState(error);
    if (state && UNSTORABLE_TEXT.has(state)) {
      // The database refused the text, so the transaction rolled back: the input was bad, nothing was written.
      // The edge check (text-input.ts) refuses such text in requests; this names it if some still got through.
      const found = unreadableTextFields(request);
      const fields = found.length ? found : [{ path: 'body', message: NUL_MESSAGE }];
      return send(
        reply,
        request,
        'validation_failed',
        fields.map((f) => `${f.path} ${f.message}`).join('; '),
        fields,
      );
    }
    request.log.error({ err: error }, 'request failed');
    return send(
      reply,
      request,
      'internal',
      'Something went wrong on the server. Quote the request id when reporting it.',
    );
  });
}

/**
 * Errors of Fastify's router, raised before any route or error handler runs: an address with a percent-encoded
 * part that is not UTF-8 (it could only decode to broken text), or a path part longer than the router allows.
 * Answered as problem+json like everything else.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL') {
    const message = 'must be percent-encoded UTF-8 text';
    return send(reply, request, 'bad_request', `The address is not valid: a path part ${message}.`, [
      { path: 'params', message },
    ]);
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(reply, request, 'uri_too_long', 'A part of the address is too long.', [
      { path: 'params', message: 'is too long' },
    ]);
  }
  request.log.error({ err: error }, 'request failed in the router');
  return send(
    reply,
    request,
    'internal',
    'Something went wrong on the server. Quote the request id when reporting it.',
  );
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
}

import { Readable } from 'node:stream';
import { BlobUploadCutError } from '../../platform/files/blob-store.ts';

export class MultipartError extends Error {}

export type MultipartPart = { headers: Record<string, string>; body: Readable };

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary parameter of a multipart Content-Type, unquoted; null when there is none. */
export function multipartBoundary(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,200})"|([^\s;]{1,200}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/** A parameter of a media type (e.g. `type` of multipart/related, `transfer-syntax` of application/dicom). */
export function mediaTypeParameter(contentType: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}=(?:"([^"]*)"|([^\\s;,]*))`, 'i').exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * The parts of a multipart body (RFC 2046), one at a time, each body a stream: a part of gigabytes passes
 * through without being held. The caller reads (or drains) each body before asking for the next. A body cut
 * off by the end of the request errors with BlobUploadCutError.
 */
export async function* multipartParts(source: Readable, boundary: string): AsyncGenerator<MultipartPart> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const chunks = source[Symbol.asyncIterator]();
  // A CRLF in front lets the first delimiter be found like the others.
  let buffer: Buffer = Buffer.from(CRLF);
  let ended = false;
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      return false;
    }
    buffer = buffer.length ? Buffer.concat([buffer, next.value as Buffer]) : (next.value as Buffer);
    return true;
  };
  // The preamble, up to the first delimiter.
  for (;;) {
    const at = buffer.indexOf(delimiter);
    if (at >= 0) {
      buffer = buffer.subarray(at + delimiter.length);
      break;
    }
    buffer = buffer.subarray(Math.max(0, buffer.length - delimiter.length));
    if (!(await more()))
      throw new MultipartError(`the body holds no part delimited by boundary "${boundary}"`);
  }
  for (let index = 0; ; index++) {
    while (buffer.length < 2)
      if (!(await more())) throw new MultipartError('the body ends after a delimiter');
    if (buffer[0] === 0x2d && buffer[1] === 0x2d) return; // "--": the close delimiter
    let headerEnd = buffer.indexOf(HEADER_END);
    while (headerEnd < 0) {
      if (buffer.length > MAX_HEADER_BYTES)
        throw new MultipartError(`the headers of part ${index + 1} are too long`);
      if (!(await more())) throw new MultipartError(`part ${index + 1} ends inside its headers`);
      headerEnd = buffer.indexOf(HEADER_END);
    }
    // What follows the delimiter up to the first CRLF is transport padding; the headers come after it.
    const firstLine = buffer.indexOf(CRLF);
    const headers = parseHeaders(buffer.toString('latin1', firstLine + 2, headerEnd + 2));
    buffer = buffer.subarray(headerEnd + HEADER_END.length);
    let settle: (err?: Error) => void = () => {};
    const finished = new Promise<void>((resolve, reject) => {
      settle = (err) => (err ? reject(err) : resolve());
    });
    finished.catch(() => {});
    let pumping = false;
    // Set once the part is complete (or cut off): later reads must not take the next part's bytes.
    let over = false;
    // Pulled by the reader: nothing is read from the request until the part's reader asks for it.
    const pump = async () => {
      for (;;) {
        const at = buffer.indexOf(delimiter);
        if (at >= 0) {
          if (at) body.push(buffer.subarray(0, at));
          buffer = buffer.subarray(at + delimiter.length);
          over = true;
          body.push(null);
          settle();
          return;
        }
        const keep = delimiter.length - 1;
        if (buffer.length > keep) {
          const out = buffer.subarray(0, buffer.length - keep);
          buffer = buffer.subarray(buffer.length - keep);
          if (!body.push(out)) return;
          continue;
        }
        if (!(await more())) {
          over = true;
          body.destroy(new BlobUploadCutError());
          settle(
            new MultipartError(`part ${index + 1} is cut off: the body ends before its closing delimiter`),
          );
          return;
        }
      }
    };
    let again = false;
    const run = () => {
      pumping = true;
      pump()
        .catch((err: Error) => {
          over = true;
          body.destroy(err);
          settle(err);
        })
        .finally(() => {
          pumping = false;
          if (again && !over) {
            again = false;
            run();
          }
        });
    };
    const body = new Readable({
      highWaterMark: 256 * 1024,
      read() {
        if (over) return;
        if (pumping) again = true;
        else run();
      },
    });
    const consumer = { headers, body };
    yield consumer;
    await finished;
  }
}

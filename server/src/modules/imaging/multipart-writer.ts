import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export type OutgoingPart = { contentType: string; location?: string; body: () => Promise<Readable | Buffer> };

/**
 * A multipart/related response body (PS3.18 8.6.1.2): each part opened only when the previous one has been
 * sent, so a study of gigabytes streams through with one file open at a time.
 */
export function multipartRelated(
  type: string,
  parts: readonly OutgoingPart[],
  extra = '',
): { contentType: string; stream: Readable } {
  const boundary = `carebase-${randomBytes(12).toString('hex')}`;
  async function* body() {
    for (const part of parts) {
      const location = part.location ? `Content-Location: ${part.location}\r\n` : '';
      yield Buffer.from(`--${boundary}\r\nContent-Type: ${part.contentType}\r\n${location}\r\n`);
      const content = await part.body();
      if (Buffer.isBuffer(content)) yield content;
      else for await (const chunk of content) yield chunk as Buffer;
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return {
    contentType: `multipart/related; type="${type}"; boundary=${boundary}${extra}`,
    stream: Readable.from(body(), { objectMode: false }),
  };
}

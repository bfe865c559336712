import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';

/** `CBENC1`, then a 12-byte nonce, the AES-256-GCM ciphertext, and its 16-byte tag at the very end. */
const MAGIC = Buffer.from('CBENC1');
export const HEADER_BYTES = MAGIC.length + 12;
export const TAG_BYTES = 16;

export class BackupKeyError extends Error {}

/** Names a key without revealing it, so a backup can say which key it needs. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('carebase-backup-key').update(key).digest('hex').slice(0, 16);
}

/** Encrypts a stream: header first, ciphertext as it comes, the tag when it ends. */
export function encrypting(key: Buffer): Transform {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const out = cipher.update(chunk);
      if (!started) {
        started = true;
        done(null, Buffer.concat([MAGIC, nonce, out]));
      } else done(null, out);
    },
    flush(done) {
      const last = cipher.final();
      const head = started ? Buffer.alloc(0) : Buffer.concat([MAGIC, nonce]);
      done(null, Buffer.concat([head, last, cipher.getAuthTag()]));
    },
  });
}

/**
 * Decrypts a stream of the ciphertext alone (the bytes between header and tag), given the header and tag
 * read first; it errors at the end if the content or the key is not the one it was made with.
 */
export function decrypting(key: Buffer, header: Buffer, tag: Buffer): Transform {
  if (header.length !== HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC))
    throw new BackupKeyError('this piece is not encrypted by Carebase (its header is not CBENC1)');
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(MAGIC.length));
  decipher.setAuthTag(tag);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decipher.update(chunk));
    },
    flush(done) {
      try {
        done(null, decipher.final());
      } catch {
        done(
          new BackupKeyError(
            'the encrypted piece does not authenticate: it was changed, or the key is not the one it was made with',
          ),
        );
      }
    },
  });
}

import fs from 'node:fs/promises';

/** Random access to bytes, from memory or from a file: the parser jumps over bulk data instead of reading it. */
export type ByteSource = {
  readonly size: number;
  /** Exactly `length` bytes from `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
};

export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    read: async (offset, length) => buffer.subarray(offset, Math.min(buffer.length, offset + length)),
    close: async () => {},
  };
}

export async function fileSource(file: string): Promise<ByteSource> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(offset, length) {
        const wanted = Math.max(0, Math.min(length, size - offset));
        const buffer = Buffer.allocUnsafe(wanted);
        let done = 0;
        while (done < wanted) {
          const { bytesRead } = await handle.read(buffer, done, wanted - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === wanted ? buffer : buffer.subarray(0, done);
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

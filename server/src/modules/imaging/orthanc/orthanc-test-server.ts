import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ORTHANC_BIN = '/usr/sbin/Orthanc';
export const orthancInstalled = fs.existsSync(ORTHANC_BIN);

/** A loopback port nobody listens on right now (bound to port 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type OrthancTestServer = {
  url: string;
  username: string;
  password: string;
  /** Calls Orthanc's REST API as the registered user. */
  call(method: string, urlPath: string, body?: Buffer | string): Promise<Response>;
  /** Stores a DICOM file; returns Orthanc's ids of the instance and of its study. */
  upload(file: Buffer): Promise<{ id: string; studyId: string }>;
  /** The sha256 of the file Orthanc holds for an instance. */
  fileSha256(instanceId: string): Promise<string>;
  /** The newest sequence number of Orthanc's change feed. */
  lastChange(): Promise<number>;
  stop(): Promise<void>;
};

/** Orthanc stopped during start-up, most likely because another process took a port first. */
class EarlyExit extends Error {}

/**
 * A real Orthanc (Debian's package) for one test file: its own configuration, storage and index in a
 * temporary folder, HTTP and DICOM on free loopback ports, Basic authentication on, no plugins. A port
 * taken by someone else between its choice and Orthanc's start costs a retry on other ports.
 */
export async function startOrthanc(): Promise<OrthancTestServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (err) {
      if (!(err instanceof EarlyExit) || attempt === 3) throw err;
    }
  }
}

async function startOnce(): Promise<OrthancTestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-orthanc-'));
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const username = 'carebase';
  const password = `pw-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`;
  const configFile = path.join(dir, 'orthanc.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      Name: 'carebase-test',
      HttpPort: httpPort,
      DicomPort: dicomPort,
      DicomAet: 'CAREBASETEST',
      RemoteAccessAllowed: false,
      AuthenticationEnabled: true,
      RegisteredUsers: { [username]: password },
      StorageDirectory: path.join(dir, 'storage'),
      IndexDirectory: path.join(dir, 'index'),
      Plugins: [],
      SaveJobs: false,
    }),
  );
  let output = '';
  const child: ChildProcess = spawn(ORTHANC_BIN, [configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Should the test process end without stop() (a timed-out hook), Orthanc ends with it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', orphanGuard);
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${httpPort}`;
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const call = (method: string, urlPath: string, body?: Buffer | string) =>
    fetch(`${url}${urlPath}`, {
      method,
      headers: { authorization, ...(Buffer.isBuffer(body) ? { 'content-type': 'application/dicom' } : {}) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
    });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new EarlyExit(`Orthanc exited at start-up:\n${output}`);
    }
    const res = await call('GET', '/system').catch(() => undefined);
    if (res?.ok) break;
    await res?.body?.cancel();
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Orthanc did not answer on ${url} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    username,
    password,
    call,
    async upload(file) {
      const res = await call('POST', '/instances', file);
      if (!res.ok) throw new Error(`Orthanc refused the upload: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { ID: string; ParentStudy: string };
      return { id: body.ID, studyId: body.ParentStudy };
    },
    async fileSha256(instanceId) {
      const res = await call('GET', `/instances/${instanceId}/file`);
      if (!res.ok) throw new Error(`no file for instance ${instanceId}: ${res.status}`);
      return createHash('sha256')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('hex');
    },
    async lastChange() {
      const res = await call('GET', '/changes?last');
      return ((await res.json()) as { Last: number }).Last;
    },
    stop,
  };
}

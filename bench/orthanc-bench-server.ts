import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './bench-servers.ts';

export type OrthancBench = {
  url: string;
  dicomPort: number;
  aeTitle: string;
  pid: number;
  stop(): Promise<void>;
};

/**
 * Debian's Orthanc as the reference archive: its default storage (files in a folder, SQLite index) in a
 * temporary folder, with its DICOMweb plugin for STOW-RS and QIDO-RS, on loopback, no authentication.
 */
export async function startOrthancBench(): Promise<OrthancBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-bench-orthanc-'));
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const config = path.join(dir, 'orthanc.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      Name: 'bench',
      HttpPort: httpPort,
      DicomPort: dicomPort,
      DicomAet: 'ORTHANC',
      RemoteAccessAllowed: false,
      AuthenticationEnabled: false,
      StorageDirectory: path.join(dir, 'storage'),
      IndexDirectory: path.join(dir, 'index'),
      Plugins: ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so'],
      DicomWeb: { Enable: true, Root: '/dicom-web/' },
      SaveJobs: false,
    }),
  );
  const child: ChildProcess = spawn('/usr/sbin/Orthanc', [config], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${httpPort}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/system`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 150 || child.exitCode !== null) throw new Error('Orthanc did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dicomPort,
    aeTitle: 'ORTHANC',
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

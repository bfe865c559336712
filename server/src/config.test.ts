import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults for a local start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      publicUrl: 'http://localhost:8080',
      secureCookies: false,
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
      bodyLimit: 1_048_576,
      headersTimeoutMs: 15_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      lockoutThreshold: 5,
      jobsEnabled: true,
      trustProxy: false,
    });
  });

  it('reads and converts the values it is given', () => {
    const config = loadConfig({
      PORT: '9000',
      PUBLIC_URL: 'https://clinic.example.org/',
      SESSION_IDLE_MINUTES: '5',
      JOBS_ENABLED: 'false',
      DATABASE_URL: 'postgres://u@db/carebase',
    });
    expect(config).toMatchObject({
      port: 9000,
      publicUrl: 'https://clinic.example.org',
      secureCookies: true,
      sessionIdleMs: 300_000,
      jobsEnabled: false,
      databaseUrl: 'postgres://u@db/carebase',
    });
  });

  it('names the key of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32/);
    expect(() => loadConfig({ JOBS_ENABLED: 'yes' })).toThrow(/JOBS_ENABLED/);
  });

  it('refuses a non-loopback HOST without PUBLIC_URL and SESSION_SECRET, with a sentence', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(
      /HOST=0\.0\.0\.0 makes it reachable from other machines/,
    );
    expect(() => loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'https://clinic.example.org' })).toThrow(
      /SESSION_SECRET/,
    );
    const config = loadConfig({
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://clinic.example.org',
      SESSION_SECRET: 'x'.repeat(32),
    });
    expect(config.host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
  });

  it('reads the request deadlines in seconds, and refuses headers allowed longer than the whole request', () => {
    const config = loadConfig({
      HEADERS_TIMEOUT_SECONDS: '2.5',
      REQUEST_TIMEOUT_SECONDS: '30',
      KEEP_ALIVE_TIMEOUT_SECONDS: '65',
    });
    expect(config).toMatchObject({
      headersTimeoutMs: 2_500,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
    });
    expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(/REQUEST_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ KEEP_ALIVE_TIMEOUT_SECONDS: 'soon' })).toThrow(/KEEP_ALIVE_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ HEADERS_TIMEOUT_SECONDS: '90', REQUEST_TIMEOUT_SECONDS: '60' })).toThrow(
      /HEADERS_TIMEOUT_SECONDS \(90\) must not be longer than REQUEST_TIMEOUT_SECONDS \(60\)/,
    );
  });

  it('archives the WAL only on PostgreSQL with a folder as the backup destination, and says so', () => {
    const pg = 'postgres://carebase@db/carebase';
    expect(loadConfig({})).toMatchObject({ backupWal: false, backupWalSlot: 'carebase_wal' });
    expect(loadConfig({ DATABASE_URL: pg, BACKUP_WAL: 'true', BACKUP_WAL_SLOT: 'clinic_a' })).toMatchObject({
      backupWal: true,
      backupWalSlot: 'clinic_a',
    });
    expect(() => loadConfig({ BACKUP_WAL: 'true' })).toThrow(/BACKUP_WAL=true .* needs DATABASE_URL/);
    expect(() =>
      loadConfig({
        DATABASE_URL: pg,
        BACKUP_WAL: 'true',
        BACKUP_URL: 's3://bucket/backups?region=eu-west-1',
      }),
    ).toThrow(/BACKUP_WAL=true writes the WAL into a folder, and BACKUP_URL is an s3:\/\/ bucket/);
    expect(() => loadConfig({ BACKUP_WAL_SLOT: 'Carebase-WAL' })).toThrow(
      /BACKUP_WAL_SLOT: must be lower-case/,
    );
  });
});

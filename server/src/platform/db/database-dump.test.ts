import { describe, expect, it } from 'vitest';
import { toolConnection } from './database-dump.ts';

describe('the connection given to pg_dump, pg_basebackup and pg_receivewal', () => {
  it('keeps the password off the command line, in PGPASSWORD', () => {
    const { address, env } = toolConnection('postgres://carebase:s%40cret@db:5432/carebase?sslmode=require');
    expect(address).toBe('postgres://carebase@db:5432/carebase?sslmode=require');
    expect(env.PGPASSWORD).toBe('s@cret');
  });

  it('leaves an address without a password as it is', () => {
    const { address, env } = toolConnection('postgres://postgres@127.0.0.1:5432/postgres');
    expect(address).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(env.PGPASSWORD).toBe(process.env.PGPASSWORD);
    const socket = 'postgresql://postgres@/carebase?host=%2Ftmp%2Freplay&port=5432';
    expect(toolConnection(socket).address).toBe(socket);
  });
});

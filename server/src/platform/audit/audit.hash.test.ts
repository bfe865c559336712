import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH, type HashedContent } from './audit.hash.ts';

const content: HashedContent = {
  at: '2025-01-02T03:04:05.678Z',
  actorId: '8f9d1c1e-4a57-4f43-9a7e-6f1b2b6a1c10',
  actorEmail: 'admin@example.org',
  action: 'user.create',
  resourceType: 'user',
  resourceId: 'abc',
  patientId: null,
  outcome: 'success',
  ip: '127.0.0.1',
  userAgent: 'test',
  requestId: 'req-1',
  details: { roles: ['nurse'], nested: { b: 1, a: 2 } },
};

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('keeps array order and drops undefined values', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('chainHash', () => {
  const base = chainHash(GENESIS_HASH, content);

  it('is a stable sha256 hex of the content and the previous hash', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(
      chainHash(GENESIS_HASH, { ...content, details: { nested: { a: 2, b: 1 }, roles: ['nurse'] } }),
    ).toBe(base);
  });

  it('reads the same instant in any notation as the same', () => {
    expect(chainHash(GENESIS_HASH, { ...content, at: '2025-01-02 03:04:05.678+00' })).toBe(base);
  });

  it('changes with the previous hash', () => {
    expect(chainHash('1'.repeat(64), content)).not.toBe(base);
  });

  it('changes with every field', () => {
    const changed: Partial<HashedContent>[] = [
      { at: '2025-01-02T03:04:05.679Z' },
      { actorId: null },
      { actorEmail: 'other@example.org' },
      { action: 'user.update' },
      { resourceType: 'role' },
      { resourceId: 'abd' },
      { patientId: 'p1' },
      { outcome: 'failed' },
      { ip: '10.0.0.1' },
      { userAgent: 'other' },
      { requestId: 'req-2' },
      { details: { roles: ['doctor'], nested: { b: 1, a: 2 } } },
    ];
    const hashes = changed.map((patch) => chainHash(GENESIS_HASH, { ...content, ...patch }));
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(changed.length);
  });
});

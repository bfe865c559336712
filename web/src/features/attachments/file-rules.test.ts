import { describe, expect, it } from 'vitest';
import { contentTypeOf, fileProblem, formatBytes } from './file-rules.ts';

describe('formatBytes', () => {
  it('uses binary multiples with at most one decimal', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(1536, 'es')).toBe('1,5 KB');
  });
});

describe('fileProblem', () => {
  const max = 2 * 1024 * 1024; // the server's limit, as the public settings give it

  it('accepts JPEG, PNG and PDF up to the limit', () => {
    expect(fileProblem({ name: 'x.pdf', type: 'application/pdf', size: 10 }, max)).toBeNull();
    expect(fileProblem({ name: 'scan.PDF', type: '', size: 10 }, max)).toBeNull();
    expect(fileProblem({ name: 'x.png', type: 'image/png', size: max }, max)).toBeNull();
  });

  it('names the problem otherwise', () => {
    expect(fileProblem({ name: 'x.docx', type: 'application/msword', size: 10 }, max)).toBe('type');
    expect(fileProblem({ name: 'x.jpg', type: 'image/jpeg', size: max + 1 }, max)).toBe('size');
    expect(fileProblem({ name: 'x.jpg', type: 'image/jpeg', size: 0 }, max)).toBe('empty');
  });

  it('follows the limit it is given', () => {
    const file = { name: 'x.pdf', type: 'application/pdf', size: 5 * 1024 * 1024 };
    expect(fileProblem(file, max)).toBe('size');
    expect(fileProblem(file, 10 * 1024 * 1024)).toBeNull();
  });

  it('guesses the type from the extension only when the browser gave none', () => {
    expect(contentTypeOf({ name: 'a.jpeg', type: '' })).toBe('image/jpeg');
    expect(contentTypeOf({ name: 'a.pdf', type: 'text/plain' })).toBe('text/plain');
  });
});

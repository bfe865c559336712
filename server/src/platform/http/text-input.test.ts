import { describe, expect, it } from 'vitest';
import { NUL_MESSAGE, SURROGATE_MESSAGE, textProblem, unreadableTextFields } from './text-input.ts';

describe('textProblem', () => {
  it('accepts ordinary text, accents and characters written as surrogate pairs', () => {
    expect(textProblem('')).toBeNull();
    expect(textProblem('Clínica Norte')).toBeNull();
    expect(textProblem('tooth \u{1F9B7} and \u{1F600}')).toBeNull();
    expect(textProblem('\uD83E\uDDB7')).toBeNull();
  });

  it('refuses NUL and a surrogate half without its partner, wherever it is', () => {
    expect(textProblem('a\u0000b')).toBe(NUL_MESSAGE);
    for (const text of ['\uD800', 'a\uD800b', 'a\uDC00', '\uDC00\uD800', '\uD83E\uDDB7\uD83E', 'x\uDFFF']) {
      expect(textProblem(text), JSON.stringify(text)).toBe(SURROGATE_MESSAGE);
    }
  });
});

describe('unreadableTextFields', () => {
  it('names the params, query and body fields, array items and keys, and skips raw bytes', () => {
    const fields = unreadableTextFields({
      params: { id: 'ok' },
      query: { q: 'a\u0000' },
      body: {
        name: 'fine',
        items: ['ok', { note: 'x\uD800' }],
        '\uDC00k': 1,
        bytes: Buffer.from([0xed, 0xa0, 0x80, 0x00]),
      },
    });
    expect(fields).toEqual([
      { path: 'body.items.1.note', message: SURROGATE_MESSAGE },
      { path: 'body.\uFFFDk', message: `(the field name) ${SURROGATE_MESSAGE}` },
      { path: 'query.q', message: NUL_MESSAGE },
    ]);
  });

  it('walks a very deeply nested body without exhausting the stack', () => {
    let body: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) body = { a: body };
    const fields = unreadableTextFields({ params: {}, query: {}, body });
    expect(fields).toHaveLength(1);
    expect(fields[0]?.path.startsWith('body.a.a.a')).toBe(true);
  });
});

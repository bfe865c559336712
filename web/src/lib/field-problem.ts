/**
 * What a server field error says, as a kind that the app words itself in the user's language. The server
 * sends Zod's English sentences ("Too small: expected string to have >=1 characters") or the contracts'
 * own short phrases ("is required"); both are read here.
 */
export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'tooShort'; min: number }
  | { kind: 'tooLong'; max: number }
  | { kind: 'tooFew'; min: number }
  | { kind: 'tooMany'; max: number }
  | { kind: 'tooSmall'; min: number }
  | { kind: 'tooBig'; max: number }
  | { kind: 'email' }
  | { kind: 'url' }
  | { kind: 'date' }
  | { kind: 'time' }
  | { kind: 'dateTime' }
  | { kind: 'choose' }
  | { kind: 'number' }
  | { kind: 'wholeNumber' }
  | { kind: 'format' }
  | { kind: 'unknownField' }
  | { kind: 'invalid' }
  /** Words the app does not know; `predicate` when they follow the field's name ("is already used"). */
  | { kind: 'other'; detail: string; predicate: boolean };

const FORMATS: Record<string, FieldProblem['kind']> = {
  'email address': 'email',
  URL: 'url',
  'ISO date': 'date',
  'ISO time': 'time',
  'ISO datetime': 'dateTime',
  UUID: 'choose',
  UUIDv4: 'choose',
  GUID: 'choose',
};

/** Server messages written to follow the field's name: "email is already used by another account". */
const PREDICATE =
  /^(is|are|must|has|have|was|were|belongs|cannot|can't|does|do|should|overlaps|starts|ends)\b/;

/** `>=1` → 1, `>0` → 1 (the smallest whole number allowed), `<=100` → 100, `<10` → 9. */
function bound(comparison: string, value: string): number {
  const n = Number(value);
  if (comparison === '>') return n + 1;
  if (comparison === '<') return n - 1;
  return n;
}

function sized(
  message: string,
): { which: 'small' | 'big'; origin: string; comparison: string; value: string } | null {
  const match = /^Too (small|big): expected (\w+) to (?:have|be) (>=|<=|>|<|exactly )?(-?[\d.]+)/.exec(
    message,
  );
  if (!match) return null;
  const [, which, origin, comparison = '', value = '0'] = match;
  return { which: which as 'small' | 'big', origin: origin ?? '', comparison: comparison.trim(), value };
}

/** The kind of problem a server field message names. Messages it does not know come back as `other`. */
export function fieldProblemOf(message: string): FieldProblem {
  const text = message.trim();
  const size = sized(text);
  if (size) {
    const n = bound(size.comparison, size.value);
    const list = size.origin === 'array' || size.origin === 'set';
    if (size.which === 'small') {
      if (size.origin === 'string') return n <= 1 ? { kind: 'required' } : { kind: 'tooShort', min: n };
      if (list) return n <= 1 ? { kind: 'required' } : { kind: 'tooFew', min: n };
      return { kind: 'tooSmall', min: n };
    }
    if (size.origin === 'string') return { kind: 'tooLong', max: n };
    if (list) return { kind: 'tooMany', max: n };
    return { kind: 'tooBig', max: n };
  }
  const type = /^Invalid input: expected (\w+), received (\w+)/.exec(text);
  if (type) {
    const [, expected, received] = type;
    if (received === 'undefined' || received === 'null') return { kind: 'required' };
    if (expected === 'int') return { kind: 'wholeNumber' };
    if (expected === 'number') return { kind: 'number' };
    return { kind: 'invalid' };
  }
  if (/^Invalid (option|input: expected ")/.test(text)) return { kind: 'choose' };
  if (/^Invalid discriminator value/.test(text)) return { kind: 'choose' };
  if (/^Unrecognized keys?:/.test(text) || text === 'is not a known field') return { kind: 'unknownField' };
  if (/^Invalid string: must /.test(text)) return { kind: 'format' };
  if (/^Invalid number: must be a multiple of 1$/.test(text)) return { kind: 'wholeNumber' };
  const format = /^Invalid (.+)$/.exec(text)?.[1];
  if (format !== undefined) {
    if (format === 'input') return { kind: 'invalid' };
    return { kind: FORMATS[format] ?? 'format' } as FieldProblem;
  }
  if (text === 'is required' || text === 'required') return { kind: 'required' };
  if (text === 'is not valid' || text === '') return { kind: 'invalid' };
  return { kind: 'other', detail: text, predicate: PREDICATE.test(text) };
}

/** The field of a path for naming it to a person: `emergencyContacts.0.phone` → `phone`. */
export function fieldNameOf(path: string): string {
  const parts = path.split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  return parts[parts.length - 1] ?? '';
}

/** `departmentKey` → `Department key`: the words of a field no translation names. */
export function wordsOfFieldName(name: string): string {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

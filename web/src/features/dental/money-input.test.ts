import { describe, expect, it } from 'vitest';
import { decimalSeparator, formatMoneyInput, parseMoneyInput } from './money-input.ts';

describe('parseMoneyInput', () => {
  it('reads plain amounts as integer minor units', () => {
    expect(parseMoneyInput('85', 'USD', 'en')).toBe(8500);
    expect(parseMoneyInput('85.5', 'USD', 'en')).toBe(8550);
    expect(parseMoneyInput('85.05', 'USD', 'en')).toBe(8505);
    expect(parseMoneyInput('0.1', 'USD', 'en')).toBe(10);
    expect(parseMoneyInput('.75', 'USD', 'en')).toBe(75);
    expect(parseMoneyInput(' $ 1,234.50 ', 'USD', 'en')).toBe(123450);
    expect(parseMoneyInput('1234.50 usd', 'USD', 'en')).toBe(123450);
    expect(parseMoneyInput('US$ 12', 'USD', 'es')).toBe(1200);
    expect(parseMoneyInput('0', 'USD', 'en')).toBe(0);
  });

  it('understands the Spanish decimal comma and thousands dot', () => {
    expect(parseMoneyInput('85,5', 'MXN', 'es')).toBe(8550);
    expect(parseMoneyInput('1.234,50', 'MXN', 'es')).toBe(123450);
    expect(parseMoneyInput('1.234', 'MXN', 'es')).toBe(123400);
    expect(parseMoneyInput('1 234,50 €', 'EUR', 'es')).toBe(123450);
  });

  it('reads a lone separator before three digits as grouping unless it is the decimal one', () => {
    expect(parseMoneyInput('1,234', 'USD', 'en')).toBe(123400);
    expect(parseMoneyInput('1,234,567', 'USD', 'en')).toBe(123456700);
    expect(parseMoneyInput('1.234', 'USD', 'en')).toBeNull();
    // A comma before fewer than three digits can only be a decimal comma, whatever the language.
    expect(parseMoneyInput('1,23', 'USD', 'en')).toBe(123);
  });

  it('follows the digits of the currency', () => {
    expect(parseMoneyInput('1500', 'JPY', 'en')).toBe(1500);
    expect(parseMoneyInput('1500.5', 'JPY', 'en')).toBeNull();
    expect(parseMoneyInput('1.005', 'KWD', 'en')).toBe(1005);
  });

  it('refuses what is not an amount', () => {
    for (const text of [
      '',
      ' ',
      'abc',
      '-5',
      '1.2.3',
      '12,34.5',
      '1,2345',
      '85.123',
      '1e5',
      '12..5',
      '85x',
      '$$85',
      '85 EUR',
    ]) {
      expect(parseMoneyInput(text, 'USD', 'en'), text).toBeNull();
    }
    expect(parseMoneyInput('10000001', 'USD', 'en')).toBeNull();
    expect(parseMoneyInput('10000000', 'USD', 'en')).toBe(1_000_000_000);
  });
});

describe('formatMoneyInput', () => {
  it('writes minor units back in the language of the form', () => {
    expect(formatMoneyInput(123450, 'USD', 'en')).toBe('1234.50');
    expect(formatMoneyInput(123450, 'USD', 'es')).toBe('1234,50');
    expect(formatMoneyInput(5, 'USD', 'en')).toBe('0.05');
    expect(formatMoneyInput(1500, 'JPY', 'en')).toBe('1500');
    expect(decimalSeparator('es')).toBe(',');
    expect(parseMoneyInput(formatMoneyInput(98765, 'EUR', 'es'), 'EUR', 'es')).toBe(98765);
  });
});

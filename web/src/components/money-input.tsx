import { NumberInput, type NumberInputProps } from '@mantine/core';
import { currencyDigits } from '../lib/format.ts';
import { useFormatters } from './use-formatters.ts';

type AmountInputProps = Omit<NumberInputProps, 'value' | 'onChange'> & {
  /** Integer minor units, or '' while empty or not yet a number. */
  value: number | '';
  onChange: (value: number | '') => void;
};

/**
 * An amount of the clinic's currency, typed in major units (12.50) with the currency's decimals, and handed
 * back in integer minor units (1250), as the API stores money.
 */
export function MoneyInput({ value, onChange, ...input }: AmountInputProps) {
  const { currency, moneySeparators: separators } = useFormatters();
  const scale = 10 ** currencyDigits(currency);
  return (
    <NumberInput
      min={0}
      decimalScale={Math.log10(scale)}
      fixedDecimalScale
      allowNegative={false}
      decimalSeparator={separators.decimal}
      thousandSeparator={separators.group}
      clampBehavior="none"
      {...input}
      value={value === '' ? '' : value / scale}
      onChange={(typed) => onChange(typed === '' ? '' : Math.round(Number(typed) * scale))}
    />
  );
}

/** A percentage typed as 12.5 and handed back in basis points (1250), as the API stores rates. */
export function PercentInput({ value, onChange, ...input }: AmountInputProps) {
  const { separators } = useFormatters();
  return (
    <NumberInput
      min={0}
      max={100}
      decimalScale={2}
      decimalSeparator={separators.decimal}
      allowNegative={false}
      clampBehavior="none"
      suffix=" %"
      {...input}
      value={value === '' ? '' : value / 100}
      onChange={(typed) => onChange(typed === '' ? '' : Math.round(Number(typed) * 100))}
    />
  );
}

import { Text, type TextProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from './use-formatters.ts';

interface DateTimeTextProps extends TextProps {
  value: string | null | undefined;
  /** Shown when there is no value; defaults to a dash. */
  empty?: string;
}

/** A timestamp in the clinic's time zone, with the exact ISO instant as a machine-readable datetime. */
export function DateTimeText({ value, empty, ...props }: DateTimeTextProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!value) {
    return (
      <Text size="sm" c="dimmed" span {...props}>
        {empty ?? t('common.emptyValue')}
      </Text>
    );
  }
  return (
    <Text size="sm" span {...props}>
      <time dateTime={value} title={value}>
        {format.dateTime(value)}
      </time>
    </Text>
  );
}

import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface RangeControlProps<R extends string> {
  ranges: readonly R[];
  value: R;
  onChange: (range: R) => void;
}

/** The period charts cover: last hour, day or week. Arrow keys move between the choices. */
export function RangeControl<R extends 'hour' | 'day' | 'week'>({
  ranges,
  value,
  onChange,
}: RangeControlProps<R>) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('monitoring.ranges.label')}
      data={ranges.map((range) => ({ value: range, label: t(`monitoring.ranges.${range}`) }))}
      value={value}
      onChange={(next) => onChange(next as R)}
    />
  );
}

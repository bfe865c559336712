import { SAMPLE_DATA_COUNT_KEYS, type SampleDataCounts } from '@carebase/contracts';
import { List } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "12 patients", "13 appointments"…: what the demo clinic holds, leaving out what it has none of. */
export function SampleDataCountList({ counts }: { counts: SampleDataCounts }) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={2}>
      {SAMPLE_DATA_COUNT_KEYS.filter((key) => counts[key] > 0).map((key) => (
        <List.Item key={key}>{t(`setup.sample.counts.${key}`, { count: counts[key] })}</List.Item>
      ))}
    </List>
  );
}

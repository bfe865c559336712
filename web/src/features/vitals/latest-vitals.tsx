import type { LatestVitals } from '@carebase/contracts';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { unitOf } from './vitals-form.tsx';

const TILES = [
  'bloodPressure',
  'heartRate',
  'respiratoryRate',
  'temperatureC',
  'spo2',
  'weightKg',
  'heightCm',
  'bmi',
  'painScore',
] as const;

interface Tile {
  key: string;
  label: string;
  value: string;
  unit: string;
  at: string;
}

/** The most recent value of each measure, each with when it was taken. */
export function LatestVitalsGrid({ latest }: { latest: LatestVitals }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const tiles = TILES.flatMap((tile): Tile[] => {
    if (tile === 'bloodPressure') {
      if (!latest.systolic || !latest.diastolic) return [];
      return [
        {
          key: tile,
          label: t('vitals.bloodPressure'),
          value: `${format.number(latest.systolic.value)}/${format.number(latest.diastolic.value)}`,
          unit: 'mmHg',
          at: latest.systolic.takenAt,
        },
      ];
    }
    const entry = latest[tile];
    if (!entry) return [];
    return [
      {
        key: tile,
        label: t(`vitals.measures.${tile}`),
        value: format.number(entry.value),
        unit: unitOf(tile),
        at: entry.takenAt,
      },
    ];
  });
  if (tiles.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('vitals.none')}
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      {tiles.map((tile) => (
        <Paper key={tile.key} withBorder p="xs" radius="sm" className="vital-tile">
          <Text size="xs" c="dimmed">
            {tile.label}
          </Text>
          <Text fw={700} size="lg">
            {tile.value}{' '}
            <Text span size="xs" c="dimmed" fw={400}>
              {tile.unit}
            </Text>
          </Text>
          <Text size="xs" c="dimmed">
            {format.dateTime(tile.at)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

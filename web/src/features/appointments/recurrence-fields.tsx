import type { SeriesPreview } from '@carebase/contracts';
import {
  Badge,
  Checkbox,
  Chip,
  Group,
  Input,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RECURRENCE_MAX_COUNT, type Recurrence } from './recurrence-model.ts';

const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0];

function weekdayName(day: number, language: string): string {
  // 4 January 2026 was a Sunday.
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 4 + day)),
  );
}

/** How a booking repeats: frequency, interval, how many, and weekdays for weekly series. */
export function RecurrenceFields({
  value,
  onChange,
}: {
  value: Recurrence;
  onChange: (r: Recurrence) => void;
}) {
  const { t, i18n } = useTranslation();
  const set = (patch: Partial<Recurrence>) => onChange({ ...value, ...patch });
  const int = (v: string | number, fallback: number) => (typeof v === 'number' ? v : Number(v) || fallback);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('appointments.wizard.freq')}
          data={(['DAILY', 'WEEKLY', 'MONTHLY'] as const).map((f) => ({
            value: f,
            label: t(`appointments.wizard.freqs.${f}`),
          }))}
          value={value.freq}
          onChange={(f) => (f === 'DAILY' || f === 'WEEKLY' || f === 'MONTHLY') && set({ freq: f })}
          allowDeselect={false}
        />
        <NumberInput
          label={t('appointments.wizard.interval')}
          value={value.interval}
          onChange={(v) => set({ interval: Math.min(99, Math.max(1, int(v, 1))) })}
          min={1}
          max={99}
          allowDecimal={false}
        />
        <NumberInput
          label={t('appointments.wizard.count')}
          value={value.count}
          onChange={(v) => set({ count: Math.min(RECURRENCE_MAX_COUNT, Math.max(1, int(v, 1))) })}
          min={1}
          max={RECURRENCE_MAX_COUNT}
          allowDecimal={false}
        />
      </SimpleGrid>
      {value.freq === 'WEEKLY' ? (
        <Input.Wrapper label={t('appointments.wizard.byDay')}>
          <Chip.Group
            multiple
            value={value.byDay.map(String)}
            onChange={(days) => set({ byDay: days.map(Number) })}
          >
            <Group gap={6} mt={4}>
              {MONDAY_FIRST.map((d) => (
                <Chip key={d} value={String(d)} size="xs">
                  {weekdayName(d, i18n.language)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Input.Wrapper>
      ) : null}
    </Stack>
  );
}

/** The dates of a series as the server checked them, each with its conflict. */
export function SeriesPreviewTable({
  preview,
  skipConflicts,
  onSkipConflicts,
}: {
  preview: SeriesPreview;
  skipConflicts: boolean;
  onSkipConflicts: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  const total = preview.occurrences.length;
  return (
    <Stack gap="xs">
      <Text size="sm" role="status" c={preview.conflicts ? 'orange' : 'teal'} fw={500}>
        {preview.conflicts
          ? t('appointments.wizard.conflicts', { count: preview.conflicts, total })
          : t('appointments.wizard.noConflicts', { total })}
      </Text>
      <Table striped withTableBorder fz="sm">
        <Table.Tbody>
          {preview.occurrences.map((o) => (
            <Table.Tr key={o.startsAt}>
              <Table.Td>{o.localDate}</Table.Td>
              <Table.Td>{o.localTime}</Table.Td>
              <Table.Td>
                {o.conflict ? (
                  <Badge color="orange" variant="light" title={o.conflict.message}>
                    {t(`appointments.wizard.conflictKinds.${o.conflict.kind}`)}
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light">
                    {t('appointments.wizard.free')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {preview.conflicts ? (
        <Checkbox
          label={t('appointments.wizard.skipConflicts')}
          checked={skipConflicts}
          onChange={(e) => onSkipConflicts(e.currentTarget.checked)}
        />
      ) : null}
    </Stack>
  );
}

import type { Vitals } from '@carebase/contracts';
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { useFormatters } from '../../components/use-formatters.ts';

/** Readings, newest first. */
export function VitalsTable({ items }: { items: readonly Vitals[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const n = (value: number | null) =>
    value === null ? (
      <Text span c="dimmed" size="sm">
        {t('common.emptyValue')}
      </Text>
    ) : (
      format.number(value)
    );
  const newest = [...items].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('vitals.columns.takenAt')}</Table.Th>
            <Table.Th>{t('vitals.columns.bp')}</Table.Th>
            <Table.Th>{t('vitals.columns.hr')}</Table.Th>
            <Table.Th>{t('vitals.columns.rr')}</Table.Th>
            <Table.Th>{t('vitals.columns.temp')}</Table.Th>
            <Table.Th>{t('vitals.columns.spo2')}</Table.Th>
            <Table.Th>{t('vitals.columns.height')}</Table.Th>
            <Table.Th>{t('vitals.columns.weight')}</Table.Th>
            <Table.Th>{t('vitals.columns.bmi')}</Table.Th>
            <Table.Th>{t('vitals.columns.pain')}</Table.Th>
            <Table.Th>{t('vitals.columns.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newest.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td className="nowrap">
                <DateTimeText value={v.takenAt} />
              </Table.Td>
              <Table.Td className="nowrap">
                {v.systolic !== null && v.diastolic !== null ? `${v.systolic}/${v.diastolic}` : n(null)}
              </Table.Td>
              <Table.Td>{n(v.heartRate)}</Table.Td>
              <Table.Td>{n(v.respiratoryRate)}</Table.Td>
              <Table.Td>{n(v.temperatureC)}</Table.Td>
              <Table.Td>{n(v.spo2)}</Table.Td>
              <Table.Td>{n(v.heightCm)}</Table.Td>
              <Table.Td>{n(v.weightKg)}</Table.Td>
              <Table.Td>{n(v.bmi)}</Table.Td>
              <Table.Td>{n(v.painScore)}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {v.note ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

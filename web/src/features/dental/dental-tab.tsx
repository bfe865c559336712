import {
  type DentalToothState,
  type NumberingSystem,
  PatientSchema,
  type Surface,
} from '@carebase/contracts';
import { Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PdfLink } from '../../components/pdf-link.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { api, pathOf } from '../../lib/api.ts';
import { zonedParts } from '../../lib/format.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { patientKeys } from '../../lib/query-keys.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { dentalChartPdfUrl, useDentalChart } from './dental.queries.ts';
import { ageInYears, chartRows, DENTITIONS, type Dentition, defaultDentition } from './dental-layout.ts';
import { DentalLegend } from './dental-legend.tsx';
import { Odontogram } from './odontogram.tsx';
import { ToothDrawer } from './tooth-drawer.tsx';
import { TreatmentPlans } from './treatment-plans.tsx';
import { useDentalWords } from './use-dental-words.ts';

/** The patient's birth date, to choose the dentition shown first; the chart works without it. */
function usePatientAge(patientId: string): number | null {
  const format = useFormatters();
  const patient = useQuery({
    queryKey: patientKeys.detail(patientId),
    queryFn: ({ signal }) => api.get(pathOf`/api/patients/${patientId}`, PatientSchema, { signal }),
    retry: false,
    staleTime: 60_000,
  });
  if (!patient.data) return null;
  const now = zonedParts(new Date(), format.context.timeZone);
  const today = `${now.year}-${String(now.month).padStart(2, '0')}-${String(now.day).padStart(2, '0')}`;
  return ageInYears(patient.data.birthDate, today);
}

/** The dental tab of the patient chart: odontogram, tooth history and treatment plans. */
export function DentalTab({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const canWrite = hasPermission(me, 'dental:write');
  const chart = useDentalChart(patientId);
  const age = usePatientAge(patientId);
  const [chosenDentition, setDentition] = useState<Dentition | null>(null);
  const [numbering, setNumbering] = useState<NumberingSystem>('fdi');
  const [opened, setOpened] = useState<{ tooth: number; surface?: Surface } | null>(null);
  const words = useDentalWords(numbering);

  const states = useMemo(
    () => new Map<number, DentalToothState>((chart.data?.teeth ?? []).map((s) => [s.tooth, s] as const)),
    [chart.data],
  );
  const dentition = chosenDentition ?? defaultDentition(chart.data?.teeth.map((s) => s.tooth) ?? [], age);
  const rows = chartRows(dentition);

  return (
    <Stack gap="xl">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="dental-chart-heading">
        <Group justify="space-between" align="center" mb="md" gap="sm" wrap="wrap">
          <Title order={3} size="h4" id="dental-chart-heading">
            {t('dental.title')}
          </Title>
          <Group gap="sm" wrap="wrap">
            <SegmentedControl
              size="xs"
              aria-label={t('dental.dentition')}
              value={dentition}
              onChange={(value) => setDentition(value as Dentition)}
              data={DENTITIONS.map((value) => ({ value, label: t(`dental.dentitions.${value}`) }))}
            />
            <SegmentedControl
              size="xs"
              aria-label={t('dental.numbering')}
              value={numbering}
              onChange={(value) => setNumbering(value as NumberingSystem)}
              data={[
                { value: 'fdi', label: t('dental.numberings.fdi') },
                { value: 'universal', label: t('dental.numberings.universal') },
              ]}
            />
            <PdfLink
              href={dentalChartPdfUrl(patientId, numbering, i18n.language)}
              label={t('dental.print')}
            />
          </Group>
        </Group>

        {chart.isPending ? (
          <Skeleton h={340} radius="md" />
        ) : chart.isError ? (
          <QueryError error={chart.error} onRetry={() => void chart.refetch()} />
        ) : (
          <>
            <Group justify="space-between" px={4} mb={2} aria-hidden="true">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('dental.patientRight')}
              </Text>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('dental.patientLeft')}
              </Text>
            </Group>
            <Odontogram
              rows={rows}
              states={states}
              numbering={numbering}
              selected={opened?.tooth ?? null}
              toothLabel={(tooth) => words.toothLabel(tooth, states.get(tooth))}
              surfaceTitle={words.surfaceTitle}
              onOpen={(tooth, surface) => setOpened({ tooth, surface })}
              label={t('dental.chartLabel')}
              help={canWrite ? t('dental.chartHelp') : t('dental.chartHelpReadOnly')}
            />
            <Group justify="space-between" align="center" mt="md" gap="sm" wrap="wrap">
              <DentalLegend />
              {!canWrite ? (
                <Text size="xs" c="dimmed">
                  {t('dental.readOnly')}
                </Text>
              ) : null}
            </Group>
          </>
        )}
      </Paper>

      <TreatmentPlans patientId={patientId} canWrite={canWrite} words={words} />

      <ToothDrawer
        patientId={patientId}
        tooth={opened?.tooth ?? null}
        surface={opened?.surface}
        state={opened ? states.get(opened.tooth) : undefined}
        canWrite={canWrite}
        words={words}
        onClose={() => setOpened(null)}
      />
    </Stack>
  );
}

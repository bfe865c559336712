import type { Patient } from '@carebase/contracts';
import { ActionIcon, Badge, Button, Group, Menu, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CopyIconButton } from '../../components/copy-value.tsx';
import { IconAlert, IconDots } from '../../components/icons.tsx';
import { PdfLink } from '../../components/pdf-link.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { PatientAvatar, SampleBadge, usePatientFormat } from '../patients/patient-display.tsx';
import type { ChartAccess } from './chart-access.ts';
import { recordPdfUrl } from './record-export.ts';

interface ChartHeaderProps {
  patient: Patient;
  access: ChartAccess;
  onMerge: () => void;
}

/** Always on top of the chart: who this is, and what they are allergic to. */
export function ChartHeader({ patient, access, onMerge }: ChartHeaderProps) {
  const { t, i18n } = useTranslation();
  const format = usePatientFormat();
  usePageTitle(patient.displayName);
  const allergies = patient.allergies.filter((a) => a.status === 'active');
  const merged = Boolean(patient.mergedIntoId);
  const canEdit = !merged && access.writeDemographics;
  const canMerge = !merged && access.merge;

  return (
    <Paper withBorder p="md" radius="md" mb="md" component="header" aria-labelledby="chart-patient-name">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <PatientAvatar patient={patient} size={72} radius="md" />
          <Stack gap={4}>
            <Group gap="xs" align="baseline">
              <Title order={1} fz="h2" id="chart-patient-name">
                {patient.displayName}
              </Title>
              {patient.preferredName ? (
                <Text c="dimmed" size="sm">
                  {t('chart.header.preferred', { name: patient.preferredName })}
                </Text>
              ) : null}
              <SampleBadge patient={patient} />
              {merged ? (
                <Badge color="gray" variant="filled">
                  {t('chart.header.merged')}
                </Badge>
              ) : null}
            </Group>
            <Group gap="md" wrap="wrap">
              <Group gap={6} wrap="nowrap">
                <Text size="sm" c="dimmed">
                  {t('chart.header.mrn')}
                </Text>
                <Text size="sm" ff="monospace" fw={600} data-testid="patient-mrn">
                  {patient.mrn}
                </Text>
                <CopyIconButton value={patient.mrn} label={t('chart.header.copyMrn')} />
              </Group>
              <Text size="sm">{format.ageSex(patient)}</Text>
              <Text size="sm" c="dimmed">
                {t('chart.header.born', { date: format.calendarDate(patient.birthDate) })}
              </Text>
              {patient.phone ? <Text size="sm">{format.phone(patient.phone)}</Text> : null}
              {patient.bloodType && patient.bloodType !== 'unknown' ? (
                <Badge variant="light" color="grape" tt="none">
                  {t('chart.header.bloodType', { type: patient.bloodType })}
                </Badge>
              ) : null}
            </Group>
            <Group gap={6} wrap="wrap" role="list" aria-label={t('chart.header.allergies')}>
              {allergies.length === 0 ? (
                <Badge color="gray" variant="light" tt="none" role="listitem">
                  {t('chart.header.noAllergies')}
                </Badge>
              ) : (
                allergies.map((allergy) => (
                  <Tooltip
                    key={allergy.id}
                    label={[t(`patients.severities.${allergy.severity}`), allergy.reaction]
                      .filter(Boolean)
                      .join(' · ')}
                    withArrow
                  >
                    <Badge
                      color="red"
                      variant="filled"
                      tt="none"
                      leftSection={<IconAlert size={12} />}
                      role="listitem"
                    >
                      {t('chart.header.allergy', { substance: allergy.substance })}
                    </Badge>
                  </Tooltip>
                ))
              )}
            </Group>
          </Stack>
        </Group>
        {access.clinical || canEdit || canMerge ? (
          <Group gap="xs">
            {access.clinical ? (
              <PdfLink
                href={recordPdfUrl(patient.id, i18n.language)}
                label={t('chart.header.exportRecord')}
                size="sm"
              />
            ) : null}
            {canEdit ? (
              <Button variant="default" component={Link} to={`/patients/${patient.id}/edit`}>
                {t('chart.header.edit')}
              </Button>
            ) : null}
            {canMerge ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t('common.moreActions', { name: patient.displayName })}
                  >
                    <IconDots />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={onMerge}>{t('chart.merge.open')}</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}

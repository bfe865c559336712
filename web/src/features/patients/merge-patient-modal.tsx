import type { Patient, PatientSummary } from '@carebase/contracts';
import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { IconAlert } from '../../components/icons.tsx';
import { FormError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { PatientAvatar, usePatientFormat } from './patient-display.tsx';
import { PatientPicker } from './patient-picker.tsx';
import { useMergePatient, usePatient } from './patients.queries.ts';

function PatientCard({ patient, title }: { patient: Patient; title: string }) {
  const { t } = useTranslation();
  const format = usePatientFormat();
  const rows: [string, string][] = [
    [t('patients.columns.mrn'), patient.mrn],
    [
      t('patients.columns.birthDate'),
      `${format.calendarDate(patient.birthDate)} (${format.age(patient.birthDate)})`,
    ],
    [t('patients.columns.sex'), format.sex(patient.sex)],
    [t('patients.columns.phone'), format.phone(patient.phone) || t('common.emptyValue')],
    [t('patients.form.email'), patient.email ?? t('common.emptyValue')],
    [
      t('patients.form.identifiersSection'),
      patient.identifiers.map((i) => `${t(`patients.identifierTypes.${i.type}`)} ${i.value}`).join(', ') ||
        t('common.emptyValue'),
    ],
    [
      t('chart.header.allergies'),
      patient.allergies
        .filter((a) => a.status === 'active')
        .map((a) => a.substance)
        .join(', ') || t('common.none'),
    ],
  ];
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
          {title}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <PatientAvatar patient={patient} size="lg" />
          <Title order={3} fz="h4">
            {patient.displayName}
          </Title>
        </Group>
        <dl className="plain-dl detail-list">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Stack>
    </Paper>
  );
}

interface MergePatientModalProps {
  opened: boolean;
  patient: Patient;
  onClose: () => void;
}

/** An administrator merges a duplicate record into the one that stays (the survivor). */
export function MergePatientModal({ opened, patient, onClose }: MergePatientModalProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const [target, setTarget] = useState<PatientSummary | null>(null);
  const survivor = usePatient(target?.id, { enabled: Boolean(target) });
  const merge = useMergePatient(patient.id);

  // biome-ignore lint/correctness/useExhaustiveDependencies: start over each time the dialog opens
  useEffect(() => {
    if (!opened) return;
    setTarget(null);
    merge.reset();
  }, [opened]);

  const confirm = () => {
    if (!target) return;
    merge.mutate(target.id, {
      onSuccess: (result) => {
        notify.success(t('chart.merge.done', { from: patient.mrn, into: result.survivor.mrn }));
        onClose();
        void navigate(`/patients/${result.survivor.id}`);
      },
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('chart.merge.title', { name: patient.displayName })}
      size="xl"
      centered
    >
      {!target ? (
        <Stack>
          <Text size="sm">{t('chart.merge.pickHint')}</Text>
          <PatientPicker label={t('chart.merge.pickLabel')} excludeIds={[patient.id]} onPick={setTarget} />
        </Stack>
      ) : (
        <Stack>
          <Alert color="orange" variant="light" icon={<IconAlert />}>
            {t('chart.merge.warning', { from: patient.mrn, into: target.mrn })}
          </Alert>
          <FormError error={merge.error} />
          {survivor.isPending ? (
            <FormSkeleton fields={3} />
          ) : survivor.isError ? (
            <FormError error={survivor.error} />
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PatientCard patient={patient} title={t('chart.merge.source')} />
              <PatientCard patient={survivor.data} title={t('chart.merge.survivor')} />
            </SimpleGrid>
          )}
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => setTarget(null)}>
              {t('chart.merge.pickAnother')}
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button color="red" onClick={confirm} loading={merge.isPending} disabled={!survivor.data}>
                {t('chart.merge.confirm')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

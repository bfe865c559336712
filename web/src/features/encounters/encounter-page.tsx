import type { Encounter } from '@carebase/contracts';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { IconLock, IconPlus } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { isApiError } from '../../lib/api.ts';
import { attachmentUrl } from '../attachments/attachments.queries.ts';
import { formatBytes } from '../attachments/file-rules.ts';
import { useChart } from '../chart/chart-context.ts';
import { PrescriptionForm } from '../prescriptions/prescription-form.tsx';
import { PrescriptionsTable } from '../prescriptions/prescriptions-list.tsx';
import { VitalsForm } from '../vitals/vitals-form.tsx';
import { VitalsTable } from '../vitals/vitals-table.tsx';
import { AddendaSection } from './addenda-section.tsx';
import { DiagnosesSection } from './diagnoses-section.tsx';
import { useEncounter } from './encounters.queries.ts';
import { ProceduresSection } from './procedures-section.tsx';
import { SoapEditor } from './soap-editor.tsx';
import { NOTE_FIELDS } from './soap-model.ts';

function SignedNote({ encounter }: { encounter: Encounter }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="soap-title">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} fz="h4" id="soap-title">
            {t('encounters.soap.title')}
          </Title>
          {/* A sentence, not a label: on a phone it wraps instead of being cut. */}
          <Group gap={4} wrap="nowrap" c="teal.8">
            <IconLock size={14} aria-hidden />
            <Text size="sm" fw={600}>
              {t('encounters.signedBy', {
                name: encounter.signedByName ?? '',
                date: format.dateTime(encounter.signedAt),
              })}
            </Text>
          </Group>
        </Group>
        <Text size="sm">
          <Text span fw={600}>
            {t('encounters.chiefComplaint')}:
          </Text>{' '}
          {encounter.chiefComplaint ?? t('common.emptyValue')}
        </Text>
        {NOTE_FIELDS.map((field) => (
          <div key={field}>
            <Text size="sm" fw={700}>
              {t(`encounters.soap.${field}`)}
            </Text>
            <Text size="sm" className="soap-readonly" c={encounter[field] ? undefined : 'dimmed'}>
              {encounter[field] ?? t('encounters.soap.notWritten')}
            </Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

/** `/patients/:id/encounters/:encounterId`: the note, diagnoses, procedures, prescriptions and vitals of a visit. */
export function EncounterPage() {
  const { t } = useTranslation();
  const { patient, access } = useChart();
  const { encounterId = '' } = useParams();
  const format = useFormatters();
  const query = useEncounter(patient.id, encounterId);
  const [prescribing, setPrescribing] = useState(false);
  const [recordingVitals, setRecordingVitals] = useState(false);

  if (query.isPending) {
    return (
      <Paper withBorder p="lg">
        <FormSkeleton fields={5} />
      </Paper>
    );
  }
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return <Empty title={t('encounters.notFound')} description={t('encounters.notFoundHint')} />;
    }
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const encounter = query.data;
  const draft = encounter.status === 'draft';
  const editable = draft && access.writeChart;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Anchor component={Link} to={`/patients/${patient.id}/encounters`} size="sm">
            {t('encounters.backToList')}
          </Anchor>
          <Group gap="sm">
            <Title order={2} fz="h3">
              {t(`encounters.types.${encounter.type}`)}
            </Title>
            <Badge color={draft ? 'yellow' : 'teal'} variant="light">
              {t(`encounters.statuses.${encounter.status}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('encounters.startedBy', {
              date: format.dateTime(encounter.startedAt),
              provider: encounter.providerName,
            })}
          </Text>
        </Stack>
      </Group>

      {draft && !access.sign && access.writeChart ? (
        <Alert color="blue" variant="light">
          {t('encounters.sign.notAllowed')}
        </Alert>
      ) : null}

      {draft ? (
        <SoapEditor
          patientId={patient.id}
          encounter={encounter}
          canWrite={access.writeChart}
          canSign={access.sign}
        />
      ) : (
        <>
          <SignedNote encounter={encounter} />
          <AddendaSection patientId={patient.id} encounter={encounter} canAdd={access.writeChart} />
        </>
      )}

      <DiagnosesSection patientId={patient.id} encounter={encounter} editable={editable} />

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="enc-rx-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} fz="h4" id="enc-rx-title">
              {t('prescriptions.title')}
            </Title>
            {access.prescribe ? (
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                onClick={() => setPrescribing(true)}
              >
                {t('prescriptions.new')}
              </Button>
            ) : null}
          </Group>
          {encounter.prescriptions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('prescriptions.noneInEncounter')}
            </Text>
          ) : (
            <PrescriptionsTable
              patientId={patient.id}
              items={encounter.prescriptions}
              canStop={access.prescribe}
              compact
            />
          )}
        </Stack>
      </Paper>

      <ProceduresSection patientId={patient.id} encounter={encounter} editable={editable} />

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="enc-vitals-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} fz="h4" id="enc-vitals-title">
              {t('vitals.title')}
            </Title>
            {access.writeChart ? (
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                onClick={() => setRecordingVitals(true)}
              >
                {t('vitals.record')}
              </Button>
            ) : null}
          </Group>
          {encounter.vitals.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('vitals.noneInEncounter')}
            </Text>
          ) : (
            <VitalsTable items={encounter.vitals} />
          )}
        </Stack>
      </Paper>

      {encounter.attachments.length > 0 ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="enc-files-title">
          <Title order={2} fz="h4" id="enc-files-title" mb="sm">
            {t('attachments.title')}
          </Title>
          <Stack gap={4} component="ul" className="plain-list">
            {encounter.attachments.map((a) => (
              <li key={a.id}>
                <Anchor href={attachmentUrl(a.id)} target="_blank" rel="noreferrer" size="sm">
                  {a.filename}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  {formatBytes(a.size)}
                </Text>
              </li>
            ))}
          </Stack>
        </Paper>
      ) : null}

      <Modal
        opened={prescribing}
        onClose={() => setPrescribing(false)}
        title={t('prescriptions.formTitle')}
        size="xl"
        centered
      >
        <PrescriptionForm
          patientId={patient.id}
          encounterId={encounter.id}
          allergies={patient.allergies}
          onDone={() => setPrescribing(false)}
          onCancel={() => setPrescribing(false)}
        />
      </Modal>
      <Modal
        opened={recordingVitals}
        onClose={() => setRecordingVitals(false)}
        title={t('vitals.formTitle')}
        size="xl"
        centered
      >
        <VitalsForm
          patientId={patient.id}
          encounterId={encounter.id}
          onDone={() => setRecordingVitals(false)}
          onCancel={() => setRecordingVitals(false)}
        />
      </Modal>
    </Stack>
  );
}

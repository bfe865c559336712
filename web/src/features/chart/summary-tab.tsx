import { ALLERGY_SEVERITIES, type Allergy, type Condition } from '@carebase/contracts';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useEncounters } from '../encounters/encounters.queries.ts';
import { useIcd10Description } from '../encounters/icd10-description.ts';
import { usePatientFormat } from '../patients/patient-display.tsx';
import {
  useAddAllergy,
  useAddCondition,
  useChangeAllergy,
  useChangeCondition,
} from '../patients/patients.queries.ts';
import { usePatientPrescriptions } from '../prescriptions/prescriptions.queries.ts';
import { PrescriptionsTable } from '../prescriptions/prescriptions-list.tsx';
import { LatestVitalsGrid } from '../vitals/latest-vitals.tsx';
import { useLatestVitals } from '../vitals/vitals.queries.ts';
import { useChart } from './chart-context.ts';

function Card({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} fz="h5" id={id}>
            {title}
          </Title>
          {action}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

const SEVERITY_COLORS: Record<Allergy['severity'], string> = {
  severe: 'red',
  moderate: 'orange',
  mild: 'yellow',
  unknown: 'gray',
};

/** The quiet button at the end of a list row that retires the entry (deactivate, resolve). */
function RowAction({ label, ariaLabel, onClick }: { label: string; ariaLabel: string; onClick: () => void }) {
  return (
    <Button size="xs" variant="subtle" color="gray" aria-label={ariaLabel} onClick={onClick}>
      {label}
    </Button>
  );
}

function AllergiesCard({
  patientId,
  allergies,
  canWrite,
}: {
  patientId: string;
  allergies: Allergy[];
  canWrite: boolean;
}) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const add = useAddAllergy(patientId);
  const change = useChangeAllergy(patientId);
  const [adding, setAdding] = useState(false);
  const [substance, setSubstance] = useState('');
  const [reaction, setReaction] = useState('');
  const [severity, setSeverity] = useState<Allergy['severity'] | null>(null);
  const [missing, setMissing] = useState(false);
  const active = allergies.filter((a) => a.status === 'active');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!substance.trim() || !severity) {
      setMissing(true);
      return;
    }
    setMissing(false);
    add.mutate(
      { substance: substance.trim(), reaction: reaction.trim() || null, severity },
      {
        onSuccess: () => {
          notify.success(t('chart.summary.allergyAdded', { substance: substance.trim() }));
          setSubstance('');
          setReaction('');
          setSeverity(null);
          setAdding(false);
        },
      },
    );
  };

  return (
    <Card
      id="summary-allergies"
      title={t('chart.summary.allergies')}
      action={
        canWrite && !adding ? (
          <Button size="xs" variant="default" onClick={() => setAdding(true)}>
            {t('chart.summary.addAllergy')}
          </Button>
        ) : null
      }
    >
      {active.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('chart.summary.noAllergies')}
        </Text>
      ) : (
        <Stack gap={6} component="ul" className="plain-list">
          {active.map((a) => (
            <Group key={a.id} component="li" justify="space-between" gap="xs" wrap="nowrap">
              <div>
                <Group gap={6}>
                  <Text size="sm" fw={600} c="red.8">
                    {a.substance}
                  </Text>
                  <Badge size="xs" color={SEVERITY_COLORS[a.severity]} variant="light">
                    {t(`patients.severities.${a.severity}`)}
                  </Badge>
                </Group>
                {a.reaction ? (
                  <Text size="xs" c="dimmed">
                    {a.reaction}
                  </Text>
                ) : null}
              </div>
              {canWrite ? (
                <RowAction
                  label={t('chart.summary.deactivate')}
                  ariaLabel={t('chart.summary.deactivateAllergy', { substance: a.substance })}
                  onClick={() =>
                    change.mutate(
                      { allergyId: a.id, patch: { status: 'inactive' } },
                      { onError: notify.error },
                    )
                  }
                />
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      {adding ? (
        <form onSubmit={submit} noValidate aria-label={t('chart.summary.addAllergy')}>
          <Stack gap="xs">
            <TextInput
              label={t('patients.form.substance')}
              value={substance}
              onChange={(e) => setSubstance(e.currentTarget.value)}
              error={
                missing && !substance.trim() ? t('validation.required') : serverError(add.error, 'substance')
              }
              maxLength={200}
              required
              data-autofocus
            />
            <TextInput
              label={t('patients.form.reaction')}
              value={reaction}
              onChange={(e) => setReaction(e.currentTarget.value)}
              maxLength={500}
            />
            <Select
              label={t('patients.form.severity')}
              data={ALLERGY_SEVERITIES.map((s) => ({ value: s, label: t(`patients.severities.${s}`) }))}
              value={severity}
              onChange={(s) => setSeverity(s as Allergy['severity'] | null)}
              error={missing && !severity ? t('patients.validation.choose') : undefined}
              required
            />
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
              <Button size="xs" type="submit" loading={add.isPending}>
                {t('chart.summary.saveAllergy')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}

function ConditionsCard({
  patientId,
  conditions,
  canWrite,
}: {
  patientId: string;
  conditions: Condition[];
  canWrite: boolean;
}) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const format = usePatientFormat();
  const add = useAddCondition(patientId);
  const change = useChangeCondition(patientId);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [since, setSince] = useState('');
  const [missing, setMissing] = useState(false);
  const active = conditions.filter((c) => c.status === 'active');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    add.mutate(
      { name: name.trim(), icd10Code: code.trim() || null, since: since || null },
      {
        onSuccess: () => {
          setName('');
          setCode('');
          setSince('');
          setAdding(false);
        },
      },
    );
  };

  return (
    <Card
      id="summary-conditions"
      title={t('chart.summary.conditions')}
      action={
        canWrite && !adding ? (
          <Button size="xs" variant="default" onClick={() => setAdding(true)}>
            {t('chart.summary.addCondition')}
          </Button>
        ) : null
      }
    >
      {active.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('chart.summary.noConditions')}
        </Text>
      ) : (
        <Stack gap={6} component="ul" className="plain-list">
          {active.map((c) => (
            <Group key={c.id} component="li" justify="space-between" gap="xs" wrap="nowrap">
              <div>
                <Text size="sm" fw={600}>
                  {c.icd10Code ? (
                    <Text span ff="monospace" c="dimmed" mr={6}>
                      {c.icd10Code}
                    </Text>
                  ) : null}
                  {c.name}
                </Text>
                {c.since ? (
                  <Text size="xs" c="dimmed">
                    {t('chart.summary.since', { date: format.calendarDate(c.since) })}
                  </Text>
                ) : null}
              </div>
              {canWrite ? (
                <RowAction
                  label={t('chart.summary.resolve')}
                  ariaLabel={t('chart.summary.resolveCondition', { name: c.name })}
                  onClick={() =>
                    change.mutate(
                      { conditionId: c.id, patch: { status: 'resolved' } },
                      { onError: notify.error },
                    )
                  }
                />
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      {adding ? (
        <form onSubmit={submit} noValidate aria-label={t('chart.summary.addCondition')}>
          <Stack gap="xs">
            <TextInput
              label={t('patients.form.conditionName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={missing ? t('validation.required') : serverError(add.error, 'name')}
              maxLength={200}
              required
              data-autofocus
            />
            <Group grow gap="xs">
              <TextInput
                label={t('patients.form.icd10Code')}
                placeholder="E11.9"
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={serverError(add.error, 'icd10Code') ? t('patients.validation.icd10') : undefined}
                maxLength={8}
              />
              <TextInput
                label={t('patients.form.since')}
                type="date"
                value={since}
                onChange={(e) => setSince(e.currentTarget.value)}
                error={serverError(add.error, 'since') ? t('patients.validation.date') : undefined}
              />
            </Group>
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
              <Button size="xs" type="submit" loading={add.isPending}>
                {t('chart.summary.saveCondition')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}

/** `/patients/:id/summary`: allergies, conditions, latest vitals, current medication and recent visits. */
export function SummaryTab() {
  const { t } = useTranslation();
  const describe = useIcd10Description();
  const { patient, access } = useChart();
  const latest = useLatestVitals(patient.id);
  const prescriptions = usePatientPrescriptions(patient.id, 'active');
  const encounters = useEncounters(patient.id, { page: 1, pageSize: 5 });
  const base = `/patients/${patient.id}`;

  return (
    <Stack gap="md">
      {access.portal ? (
        <Text size="sm" c="dimmed">
          {t('chart.summary.portalNotice')}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <AllergiesCard patientId={patient.id} allergies={patient.allergies} canWrite={access.writeChart} />
        <ConditionsCard patientId={patient.id} conditions={patient.conditions} canWrite={access.writeChart} />
      </SimpleGrid>
      <Card
        id="summary-vitals"
        title={t('chart.summary.latestVitals')}
        action={
          access.portal ? null : (
            <Anchor component={Link} to={`${base}/vitals`} size="sm">
              {t('chart.summary.seeTrends')}
            </Anchor>
          )
        }
      >
        {latest.isPending ? (
          <TableSkeleton rows={1} />
        ) : latest.isError ? (
          <QueryError error={latest.error} onRetry={() => void latest.refetch()} />
        ) : (
          <LatestVitalsGrid latest={latest.data} />
        )}
      </Card>
      <Card id="summary-rx" title={t('chart.summary.activePrescriptions')}>
        {prescriptions.isPending ? (
          <TableSkeleton rows={2} />
        ) : prescriptions.isError ? (
          <QueryError error={prescriptions.error} onRetry={() => void prescriptions.refetch()} />
        ) : prescriptions.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('chart.summary.noPrescriptions')}
          </Text>
        ) : (
          <PrescriptionsTable
            patientId={patient.id}
            items={prescriptions.data.items}
            canStop={access.prescribe}
          />
        )}
      </Card>
      <Card
        id="summary-encounters"
        title={t('chart.summary.recentEncounters')}
        action={
          access.portal ? null : (
            <Anchor component={Link} to={`${base}/encounters`} size="sm">
              {t('chart.summary.allEncounters')}
            </Anchor>
          )
        }
      >
        {encounters.isPending ? (
          <TableSkeleton rows={2} />
        ) : encounters.isError ? (
          <QueryError error={encounters.error} onRetry={() => void encounters.refetch()} />
        ) : encounters.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('chart.summary.noEncounters')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" className="plain-list">
            {encounters.data.items.map((e) => (
              <Group key={e.id} component="li" gap="sm" wrap="nowrap" justify="space-between">
                <div>
                  {access.portal ? (
                    <Text size="sm" fw={600}>
                      {t(`encounters.types.${e.type}`)}
                    </Text>
                  ) : (
                    <Anchor component={Link} to={`${base}/encounters/${e.id}`} size="sm" fw={600}>
                      {t(`encounters.types.${e.type}`)}
                    </Anchor>
                  )}
                  <Text size="xs" c="dimmed">
                    <DateTimeText value={e.startedAt} size="xs" c="dimmed" /> · {e.providerName}
                    {e.primaryDiagnosis
                      ? ` · ${e.primaryDiagnosis.code} ${describe(e.primaryDiagnosis)}`
                      : ''}
                  </Text>
                </div>
                <Badge color={e.status === 'draft' ? 'yellow' : 'teal'} variant="light">
                  {t(`encounters.statuses.${e.status}`)}
                </Badge>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}

import { ENCOUNTER_TYPES, EncounterListQuerySchema, type EncounterType } from '@carebase/contracts';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { ListFooter } from '../../components/list-footer.tsx';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useFieldErrorText } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useUrlQuery } from '../../components/use-url-query.ts';
import { zonedInputToIso } from '../../lib/format.ts';
import { useChart } from '../chart/chart-context.ts';
import { useCreateEncounter, useEncounters } from './encounters.queries.ts';
import { useIcd10Description } from './icd10-description.ts';

function NewEncounterModal({
  opened,
  onClose,
  patientId,
}: {
  opened: boolean;
  onClose: () => void;
  patientId: string;
}) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormatters();
  const create = useCreateEncounter(patientId);
  const [type, setType] = useState<EncounterType>('consultation');
  const [startedAt, setStartedAt] = useState('');
  const [chiefComplaint, setChiefComplaint] = useState('');
  const [badTime, setBadTime] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const iso = startedAt ? zonedInputToIso(startedAt, format.context.timeZone) : undefined;
    if (iso === null) {
      setBadTime(true);
      return;
    }
    setBadTime(false);
    create.mutate(
      { type, startedAt: iso, chiefComplaint: chiefComplaint.trim() || undefined },
      {
        onSuccess: (encounter) => {
          onClose();
          setChiefComplaint('');
          setStartedAt('');
          void navigate(`/patients/${patientId}/encounters/${encounter.id}`);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('encounters.newTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={create.error && !serverError(create.error, 'startedAt') ? create.error : null} />
          <Select
            label={t('encounters.type')}
            data={ENCOUNTER_TYPES.map((value) => ({ value, label: t(`encounters.types.${value}`) }))}
            value={type}
            onChange={(value) => value && setType(value as EncounterType)}
            allowDeselect={false}
            required
            data-autofocus
          />
          <TextInput
            label={t('encounters.startedAt')}
            description={t('encounters.startedAtHint')}
            type="datetime-local"
            value={startedAt}
            onChange={(e) => setStartedAt(e.currentTarget.value)}
            error={badTime ? t('patients.validation.date') : serverError(create.error, 'startedAt')}
          />
          <TextInput
            label={t('encounters.chiefComplaint')}
            value={chiefComplaint}
            onChange={(e) => setChiefComplaint(e.currentTarget.value)}
            maxLength={500}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('encounters.start')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** `/patients/:id/encounters`: the visits, newest first. */
export function EncountersTab() {
  const { t } = useTranslation();
  const describe = useIcd10Description();
  const { patient, access } = useChart();
  const [query, setQuery] = useUrlQuery(EncounterListQuerySchema);
  const list = useEncounters(patient.id, { page: query.page, pageSize: query.pageSize });
  const [creating, setCreating] = useState(false);

  let content: ReactNode;
  if (list.isPending) content = <TableSkeleton />;
  else if (list.isError) content = <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    content = (
      <Empty
        title={t('encounters.empty')}
        description={access.writeChart ? t('encounters.emptyHint') : undefined}
        action={
          access.writeChart ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('encounters.new')}
            </Button>
          ) : null
        }
      />
    );
  else
    content = (
      <>
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" highlightOnHover aria-busy={list.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('encounters.columns.date')}</Table.Th>
                <Table.Th>{t('encounters.columns.type')}</Table.Th>
                <Table.Th>{t('encounters.columns.chiefComplaint')}</Table.Th>
                <Table.Th>{t('encounters.columns.diagnosis')}</Table.Th>
                <Table.Th>{t('encounters.columns.provider')}</Table.Th>
                <Table.Th>{t('encounters.columns.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td className="nowrap">
                    <Anchor
                      component={Link}
                      to={`/patients/${patient.id}/encounters/${e.id}`}
                      size="sm"
                      fw={600}
                    >
                      <DateTimeText value={e.startedAt} />
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`encounters.types.${e.type}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {e.chiefComplaint ?? t('common.emptyValue')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {e.primaryDiagnosis ? (
                      <Text size="sm">
                        <Text span ff="monospace" fw={600}>
                          {e.primaryDiagnosis.code}
                        </Text>{' '}
                        {describe(e.primaryDiagnosis)}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('common.emptyValue')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{e.providerName}</Table.Td>
                  <Table.Td>
                    <Badge color={e.status === 'draft' ? 'yellow' : 'teal'} variant="light">
                      {t(`encounters.statuses.${e.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <ListFooter
          total={list.data.total}
          page={query.page}
          pageSize={query.pageSize}
          onPage={(page) => setQuery({ page })}
          onPageSize={(pageSize) => setQuery({ pageSize })}
        />
      </>
    );

  return (
    <Stack gap="md">
      {access.writeChart ? (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('encounters.new')}
          </Button>
        </Group>
      ) : null}
      <Paper withBorder p="md" radius="md">
        {content}
      </Paper>
      {access.writeChart ? (
        <NewEncounterModal opened={creating} onClose={() => setCreating(false)} patientId={patient.id} />
      ) : null}
    </Stack>
  );
}

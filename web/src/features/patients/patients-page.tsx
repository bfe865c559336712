import {
  PATIENT_EXPORT_MAX_ROWS,
  PATIENT_SEXES,
  PatientSearchQuerySchema,
  type PatientSummary,
} from '@carebase/contracts';
import { Alert, Anchor, Button, Group, Paper, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { IconDownload, IconPlus, IconSearch, IconUsers } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useUrlQuery } from '../../components/use-url-query.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { PatientAvatar, SampleBadge, usePatientFormat } from './patient-display.tsx';
import { type PatientSearchParams, patientsExportUrl, usePatientSearch } from './patients.queries.ts';

const UrlSchema = PatientSearchQuerySchema.pick({ q: true, sex: true, birthDate: true });
const PAGE_SIZE = 25;

/** A name search (no digits) may fall back to similar spellings when nothing starts with the text. */
function isNameSearch(q: string | undefined): q is string {
  return Boolean(q) && !/\d/.test(q ?? '');
}

/** `/patients`: find a patient by name, MRN, identifier, phone or birth date, and open their chart. */
export function PatientsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const format = usePatientFormat();
  const formatters = useFormatters();
  const canWrite = hasPermission(me, 'patients:write');
  const [query, setQuery] = useUrlQuery(UrlSchema);
  const [search, setSearch] = useState(query.q ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  /** Enter pressed before the results for the typed text arrived: open the first match when they do. */
  const openFirstFor = useRef<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text triggers a search
  useEffect(() => {
    const q = debounced.trim();
    if (q !== (query.q ?? '')) setQuery({ q: q || null });
  }, [debounced]);

  const base: PatientSearchParams = {
    q: query.q,
    sex: query.sex,
    birthDate: query.birthDate,
    limit: PAGE_SIZE,
  };
  const browsing = !query.q && !query.sex && !query.birthDate;
  const prefixParams: PatientSearchParams = browsing ? { ...base, sort: 'createdAt', order: 'desc' } : base;
  const prefix = usePatientSearch(prefixParams);
  const prefixEmpty =
    prefix.isSuccess && !prefix.isPlaceholderData && (prefix.data.pages[0]?.items.length ?? 0) === 0;
  const useFuzzy = isNameSearch(query.q) && prefixEmpty;
  const fuzzy = usePatientSearch({ ...base, match: 'fuzzy' }, { enabled: useFuzzy });
  const results = useFuzzy ? fuzzy : prefix;
  const rows = useMemo(() => results.data?.pages.flatMap((page) => page.items) ?? [], [results.data]);
  const settled = results.isSuccess && !results.isPlaceholderData && !results.isFetching;

  useEffect(() => {
    const pending = openFirstFor.current;
    if (pending === null || pending !== (query.q ?? '') || !settled) return;
    openFirstFor.current = null;
    const first = rows[0];
    if (first) void navigate(`/patients/${first.id}`);
  }, [rows, settled, query.q, navigate]);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const q = search.trim();
    if (q === (query.q ?? '') && settled) {
      const first = rows[0];
      if (first) void navigate(`/patients/${first.id}`);
      return;
    }
    openFirstFor.current = q;
    if (q !== (query.q ?? '')) setQuery({ q: q || null });
  };

  const clearFilters = () => {
    setSearch('');
    setQuery({ q: null, sex: null, birthDate: null });
  };

  // The server exports every match of the search shown (not only the loaded pages), in the same order.
  const { limit: _limit, ...exportParams } = useFuzzy ? { ...base, match: 'fuzzy' as const } : prefixParams;

  const openRow = (patient: PatientSummary) => void navigate(`/patients/${patient.id}`);

  let content: ReactNode;
  if (results.isPending && !useFuzzy) content = <TableSkeleton />;
  else if (results.isPending) content = <TableSkeleton rows={3} />;
  else if (results.isError)
    content = <QueryError error={results.error} onRetry={() => void results.refetch()} />;
  else if (rows.length === 0)
    content = browsing ? (
      <Empty
        icon={<IconUsers size={28} />}
        title={t('patients.empty')}
        description={canWrite ? t('patients.emptyHint') : t('patients.emptyHintReadOnly')}
        action={
          canWrite ? (
            <Button component={Link} to="/patients/new" leftSection={<IconPlus size={16} />}>
              {t('patients.register')}
            </Button>
          ) : null
        }
      />
    ) : (
      <Empty
        icon={<IconSearch size={28} />}
        title={t('patients.emptyFiltered')}
        description={t('patients.emptyFilteredHint')}
        action={
          <Group gap="sm">
            <Button variant="default" onClick={clearFilters}>
              {t('patients.clearFilters')}
            </Button>
            {canWrite ? (
              <Button component={Link} to="/patients/new" leftSection={<IconPlus size={16} />}>
                {t('patients.register')}
              </Button>
            ) : null}
          </Group>
        }
      />
    );
  else
    content = (
      <>
        {useFuzzy ? (
          <Alert color="blue" variant="light" mb="sm" role="status">
            {t('patients.fuzzyNotice', { q: query.q ?? '' })}
          </Alert>
        ) : null}
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" highlightOnHover aria-busy={results.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('patients.columns.name')}</Table.Th>
                <Table.Th>{t('patients.columns.mrn')}</Table.Th>
                <Table.Th>{t('patients.columns.birthDate')}</Table.Th>
                <Table.Th>{t('patients.columns.sex')}</Table.Th>
                <Table.Th>{t('patients.columns.phone')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((patient) => (
                <Table.Tr key={patient.id} onClick={() => openRow(patient)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <PatientAvatar patient={patient} size="sm" />
                      <Anchor
                        component={Link}
                        to={`/patients/${patient.id}`}
                        fw={600}
                        size="sm"
                        onClick={(event) => event.stopPropagation()}
                      >
                        {patient.displayName}
                      </Anchor>
                      <SampleBadge patient={patient} />
                    </Group>
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <Text size="sm" ff="monospace">
                      {patient.mrn}
                    </Text>
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <Text size="sm">
                      {format.calendarDate(patient.birthDate)}{' '}
                      <Text span c="dimmed" size="sm">
                        ({format.age(patient.birthDate)})
                      </Text>
                    </Text>
                  </Table.Td>
                  <Table.Td>{format.sex(patient.sex)}</Table.Td>
                  <Table.Td className="nowrap">
                    {format.phone(patient.phone) || (
                      <Text span c="dimmed" size="sm">
                        {t('common.emptyValue')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between" mt="md">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('patients.shown', { count: rows.length })}
          </Text>
          {results.hasNextPage ? (
            <Button
              variant="default"
              onClick={() => void results.fetchNextPage()}
              loading={results.isFetchingNextPage}
            >
              {t('patients.loadMore')}
            </Button>
          ) : null}
        </Group>
      </>
    );

  return (
    <>
      <PageHeader
        title={t('patients.title')}
        description={t('patients.description')}
        actions={
          <>
            {rows.length === 0 ? (
              <Button variant="default" leftSection={<IconDownload size={16} />} disabled>
                {t('patients.exportCsv')}
              </Button>
            ) : (
              <Tooltip
                label={t('patients.exportCsvHint', { max: formatters.number(PATIENT_EXPORT_MAX_ROWS) })}
                withArrow
              >
                <Button
                  component="a"
                  href={patientsExportUrl(exportParams)}
                  download
                  variant="default"
                  leftSection={<IconDownload size={16} />}
                >
                  {t('patients.exportCsv')}
                </Button>
              </Tooltip>
            )}
            {canWrite ? (
              <Button component={Link} to="/patients/new" leftSection={<IconPlus size={16} />}>
                {t('patients.register')}
              </Button>
            ) : null}
          </>
        }
      />
      <Paper withBorder p="md" radius="md">
        <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('patients.searchLabel')}
            aria-describedby="patient-search-hint"
            placeholder={t('patients.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            onKeyDown={onSearchKey}
            type="search"
            maxLength={100}
            w={{ base: '100%', sm: 360 }}
          />
          <Select
            label={t('patients.sexFilter')}
            placeholder={t('patients.anySex')}
            data={PATIENT_SEXES.map((sex) => ({ value: sex, label: format.sex(sex) }))}
            value={query.sex ?? null}
            onChange={(sex) => setQuery({ sex })}
            clearable
            w={{ base: '100%', sm: 170 }}
          />
          <TextInput
            label={t('patients.birthDateFilter')}
            type="date"
            value={query.birthDate ?? ''}
            onChange={(e) => setQuery({ birthDate: e.currentTarget.value || null })}
            w={{ base: '100%', sm: 180 }}
          />
        </Group>
        <Text size="xs" c="dimmed" mb="sm" id="patient-search-hint">
          {t('patients.searchHint')}
          {browsing && rows.length > 0 ? ` ${t('patients.recentHint')}` : ''}
        </Text>
        {content}
      </Paper>
    </>
  );
}

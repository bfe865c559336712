import { AUDIT_OUTCOMES, type AuditEvent, AuditQuerySchema } from '@carebase/contracts';
import {
  ActionIcon,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, Fragment, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconChevronDown, IconChevronRight, IconDownload, IconList } from '../../components/icons.tsx';
import { ListFooter } from '../../components/list-footer.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { nextSort, SortableTh } from '../../components/sortable-th.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useUrlQuery } from '../../components/use-url-query.ts';
import { isoToZonedInput, zonedInputToIso } from '../../lib/format.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useUsers } from '../users/users.queries.ts';
import { type AuditQuery, auditExportUrl, useAuditEvents } from './audit.queries.ts';

type Outcome = (typeof AUDIT_OUTCOMES)[number];
const OUTCOME_COLORS: Record<Outcome, string> = { success: 'teal', denied: 'orange', failed: 'red' };
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FilterDraft {
  actor: string | null;
  patient: string;
  action: string;
  resourceType: string;
  outcome: Outcome | null;
  from: string;
  to: string;
}

function draftOf(query: AuditQuery, timeZone: string): FilterDraft {
  return {
    actor: query.actor ?? null,
    patient: query.patient ?? '',
    action: query.action ?? '',
    resourceType: query.resourceType ?? '',
    outcome: query.outcome ?? null,
    from: query.from ? isoToZonedInput(query.from, timeZone) : '',
    to: query.to ? isoToZonedInput(query.to, timeZone) : '',
  };
}

/** A user picker searching the users list; falls back to a plain ID field without users:read. */
function ActorPicker({
  value,
  onChange,
  canSearch,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  canSearch: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [selectedLabel, setSelectedLabel] = useState<{ value: string; label: string } | null>(null);
  const users = useUsers(
    { q: debounced || undefined, pageSize: 20, sort: 'name', order: 'asc' },
    { enabled: canSearch },
  );

  const data = useMemo(() => {
    const options = (users.data?.items ?? []).map((user) => ({
      value: user.id,
      label: `${user.name} <${user.email}>`,
    }));
    if (value && !options.some((option) => option.value === value)) {
      options.unshift({ value, label: selectedLabel?.value === value ? selectedLabel.label : value });
    }
    return options;
  }, [users.data, value, selectedLabel]);

  if (!canSearch) {
    return (
      <TextInput
        label={t('audit.actorId')}
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value.trim() || null)}
        spellCheck={false}
        ff="monospace"
      />
    );
  }
  return (
    <Select
      label={t('audit.actor')}
      placeholder={t('audit.actorPlaceholder')}
      data={data}
      value={value}
      onChange={(next, option) => {
        setSelectedLabel(next && option ? { value: next, label: option.label } : null);
        onChange(next);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      clearable
      nothingFoundMessage={users.isFetching ? t('common.loading') : t('common.none')}
    />
  );
}

function AuditDetails({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    [t('audit.requestId'), event.requestId],
    [t('audit.userAgent'), event.userAgent],
    [t('audit.hash'), event.hash],
  ];
  return (
    <Stack gap="xs" py="xs">
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" component="dl" className="plain-dl">
        {rows.map(([label, value]) => (
          <Stack gap={2} key={label}>
            <Text component="dt" size="xs" c="dimmed" fw={600}>
              {label}
            </Text>
            <Text component="dd" size="xs" ff="monospace" className="break-anywhere">
              {value ?? t('common.emptyValue')}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" fw={600}>
        {t('audit.detailsJson')}
      </Text>
      <Code block className="json-block">
        {JSON.stringify(event.details, null, 2)}
      </Code>
    </Stack>
  );
}

/** `/audit`: the tamper-evident audit trail, filtered, sorted, paged and exportable as CSV. */
export function AuditPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const timeZone = format.context.timeZone;
  const [query, setQuery] = useUrlQuery(AuditQuerySchema);
  const events = useAuditEvents(query);
  const [draft, setDraft] = useState<FilterDraft>(() => draftOf(query, timeZone));
  const [draftErrors, setDraftErrors] = useState<{ actor?: string }>({});
  const [expanded, setExpanded] = useState<Set<number>>(new Set());

  // Keep the form in step with the address (back/forward, reset) and with the clinic time zone.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter values, not the object, matter
  useEffect(() => {
    setDraft(draftOf(query, timeZone));
  }, [
    query.actor,
    query.patient,
    query.action,
    query.resourceType,
    query.outcome,
    query.from,
    query.to,
    timeZone,
  ]);

  const set = <K extends keyof FilterDraft>(key: K, value: FilterDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (draft.actor && !UUID_PATTERN.test(draft.actor)) {
      setDraftErrors({ actor: t('validation.uuid') });
      return;
    }
    setDraftErrors({});
    setQuery({
      actor: draft.actor,
      patient: draft.patient.trim(),
      action: draft.action.trim(),
      resourceType: draft.resourceType.trim(),
      outcome: draft.outcome,
      from: draft.from ? zonedInputToIso(draft.from, timeZone) : null,
      to: draft.to ? zonedInputToIso(draft.to, timeZone) : null,
    });
  };

  const reset = () => {
    setDraftErrors({});
    setQuery({
      actor: null,
      patient: null,
      action: null,
      resourceType: null,
      outcome: null,
      from: null,
      to: null,
    });
  };

  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onSort = (field: AuditQuery['sort']) => setQuery(nextSort(query, field));
  const columnCount = 8;

  let content: ReactNode;
  if (events.isPending) content = <TableSkeleton />;
  else if (events.isError)
    content = <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  else if (events.data.items.length === 0)
    content = (
      <Empty icon={<IconList size={28} />} title={t('audit.empty')} description={t('audit.emptyHint')} />
    );
  else
    content = (
      <>
        {/* Sized to fit beside the navigation at 1366 px; narrower screens scroll sideways. */}
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="xs" highlightOnHover aria-busy={events.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <span className="visually-hidden">{t('common.details')}</span>
                </Table.Th>
                <SortableTh
                  field="at"
                  label={t('audit.columns.at')}
                  sort={query.sort}
                  order={query.order}
                  onSort={onSort}
                />
                <Table.Th>{t('audit.columns.actor')}</Table.Th>
                <SortableTh
                  field="action"
                  label={t('audit.columns.action')}
                  sort={query.sort}
                  order={query.order}
                  onSort={onSort}
                />
                <SortableTh
                  field="resourceType"
                  label={t('audit.columns.resource')}
                  sort={query.sort}
                  order={query.order}
                  onSort={onSort}
                />
                <Table.Th>{t('audit.columns.patient')}</Table.Th>
                <Table.Th>{t('audit.columns.outcome')}</Table.Th>
                <Table.Th>{t('audit.columns.ip')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.items.map((event) => {
                const open = expanded.has(event.id);
                const detailsId = `audit-details-${event.id}`;
                return (
                  <Fragment key={event.id}>
                    <Table.Tr>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          onClick={() => toggle(event.id)}
                          aria-expanded={open}
                          aria-controls={detailsId}
                          aria-label={
                            open
                              ? t('audit.hideDetails', { id: event.id })
                              : t('audit.showDetails', { id: event.id })
                          }
                        >
                          {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                        </ActionIcon>
                      </Table.Td>
                      <Table.Td className="nowrap">
                        <DateTimeText value={event.at} />
                      </Table.Td>
                      <Table.Td>
                        {event.actorEmail ? (
                          <Text size="sm" truncate="end" maw={170} title={event.actorEmail}>
                            {event.actorEmail}
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed" span>
                            {t('audit.system')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Code className="nowrap">{event.action}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{event.resourceType}</Text>
                        {event.resourceId ? (
                          <Text
                            size="xs"
                            c="dimmed"
                            ff="monospace"
                            truncate="end"
                            maw={120}
                            title={event.resourceId}
                          >
                            {event.resourceId}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          ff="monospace"
                          truncate="end"
                          maw={110}
                          title={event.patientId ?? undefined}
                        >
                          {event.patientId ?? t('common.emptyValue')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={OUTCOME_COLORS[event.outcome]} variant="light" size="sm">
                          {t(`audit.outcomes.${event.outcome}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace" truncate="end" maw={140} title={event.ip ?? undefined}>
                          {event.ip ?? t('common.emptyValue')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                    {open ? (
                      <Table.Tr id={detailsId}>
                        <Table.Td />
                        <Table.Td colSpan={columnCount - 1}>
                          <AuditDetails event={event} />
                        </Table.Td>
                      </Table.Tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <ListFooter
          total={events.data.total}
          page={query.page}
          pageSize={query.pageSize}
          onPage={(page) => setQuery({ page })}
          onPageSize={(pageSize) => setQuery({ pageSize })}
        />
      </>
    );

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <Button
            component="a"
            href={auditExportUrl(query)}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            {t('audit.exportCsv')}
          </Button>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md" component="section" aria-label={t('audit.filters')}>
          <form onSubmit={apply}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
              <ActorPicker
                value={draft.actor}
                onChange={(actor) => set('actor', actor)}
                canSearch={hasPermission(me, 'users:read')}
              />
              <TextInput
                label={t('audit.action')}
                value={draft.action}
                onChange={(e) => set('action', e.currentTarget.value)}
                maxLength={100}
              />
              <TextInput
                label={t('audit.resourceType')}
                value={draft.resourceType}
                onChange={(e) => set('resourceType', e.currentTarget.value)}
                maxLength={100}
              />
              <TextInput
                label={t('audit.patient')}
                value={draft.patient}
                onChange={(e) => set('patient', e.currentTarget.value)}
                maxLength={100}
              />
              <Select
                label={t('audit.outcome')}
                placeholder={t('audit.anyOutcome')}
                data={AUDIT_OUTCOMES.map((outcome) => ({
                  value: outcome,
                  label: t(`audit.outcomes.${outcome}`),
                }))}
                value={draft.outcome}
                onChange={(outcome) => set('outcome', (outcome as Outcome | null) ?? null)}
                clearable
              />
              <TextInput
                type="datetime-local"
                label={t('audit.from')}
                value={draft.from}
                onChange={(e) => set('from', e.currentTarget.value)}
              />
              <TextInput
                type="datetime-local"
                label={t('audit.to')}
                value={draft.to}
                onChange={(e) => set('to', e.currentTarget.value)}
              />
              <Group align="flex-end" gap="sm">
                <Button type="submit">{t('common.apply')}</Button>
                <Button variant="default" onClick={reset}>
                  {t('common.reset')}
                </Button>
              </Group>
            </SimpleGrid>
            {draftErrors.actor ? (
              <Text size="xs" c="red" mt="xs" role="alert">
                {draftErrors.actor}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed" mt="sm">
              {t('audit.timeZoneNote', { timeZone })}
            </Text>
          </form>
        </Paper>
        <Paper withBorder p="md" radius="md">
          {content}
        </Paper>
      </Stack>
    </>
  );
}

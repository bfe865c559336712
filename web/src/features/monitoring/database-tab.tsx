import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { LargestTablesTable, LongQueriesTable, SlowStatementsTable } from './database-tables.tsx';
import { useDatabaseHealth } from './monitoring.queries.ts';
import { reasonsFor } from './monitoring-rules.ts';
import { MonitoringSection } from './monitoring-section.tsx';
import { UnavailableNote } from './unavailable-note.tsx';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** Items the tab places itself; anything else the server cannot tell is listed at the end. */
const PLACED = [
  'size',
  'sizeBytes',
  'connections',
  'cacheHitRatio',
  'longQueries',
  'slowStatements',
  'largestTables',
];

/** The database: engine, size, connections, cache, what runs long, the slowest statements, migrations. */
export function DatabaseTab() {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const health = useDatabaseHealth();
  const h = health.data;
  if (health.isPending) return <TableSkeleton rows={6} />;
  if (!h) return <QueryError error={health.error} onRetry={() => void health.refetch()} />;
  const dash = t('common.emptyValue');
  const unknownReason = (items: string[]) => reasonsFor(h.unavailable, items).join(' ') || dash;
  const connected = h.connections?.reduce((sum, c) => sum + c.count, 0) ?? null;
  const others = h.unavailable.filter((u) => reasonsFor([u], PLACED).length === 0);
  const pending = h.migrations.known - h.migrations.applied;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <StatCard
          label={t('monitoring.database.engine')}
          value={t(`monitoring.database.engines.${h.engine}`)}
          hint={h.version}
        />
        <StatCard
          label={t('monitoring.database.size')}
          value={h.sizeBytes === null ? dash : format.bytes(h.sizeBytes)}
          hint={h.sizeBytes === null ? unknownReason(['size', 'sizeBytes']) : null}
        />
        <StatCard
          label={t('monitoring.database.cacheHitRatio')}
          value={format.fineShare(h.cacheHitRatio)}
          hint={
            h.cacheHitRatio === null ? unknownReason(['cacheHitRatio']) : t('monitoring.database.cacheHint')
          }
          alert={h.cacheHitRatio !== null && h.cacheHitRatio < 0.9}
        />
        <StatCard
          label={t('monitoring.database.migrations')}
          value={t('monitoring.database.migrationsValue', {
            applied: h.migrations.applied,
            known: h.migrations.known,
          })}
          hint={
            pending > 0
              ? t('monitoring.database.migrationsPending', { count: pending })
              : t('monitoring.database.migrationsCurrent')
          }
          alert={pending > 0}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <MonitoringSection title={t('monitoring.database.largestTables')}>
          {h.largestTables.length > 0 ? (
            <LargestTablesTable tables={h.largestTables} />
          ) : (
            <UnavailableNote unavailable={h.unavailable} items={['largestTables']} />
          )}
        </MonitoringSection>
        <MonitoringSection
          title={t('monitoring.database.connections')}
          description={
            connected !== null && h.maxConnections !== null
              ? t('monitoring.database.connectionsOf', { count: connected, max: h.maxConnections })
              : undefined
          }
        >
          {h.connections ? (
            <Group gap="xs">
              {h.connections.map((c) => (
                <Badge key={c.state} variant="light" color={c.state === 'active' ? 'teal' : 'gray'} size="lg">
                  {c.state}: {format.count(c.count)}
                </Badge>
              ))}
            </Group>
          ) : (
            <UnavailableNote unavailable={h.unavailable} items={['connections']} />
          )}
        </MonitoringSection>
      </SimpleGrid>
      <MonitoringSection
        title={t('monitoring.database.longQueries')}
        description={t('monitoring.database.longQueriesHint')}
      >
        {h.longQueries === null ? (
          <UnavailableNote unavailable={h.unavailable} items={['longQueries']} />
        ) : h.longQueries.length === 0 ? (
          <Text size="sm" c="teal.8">
            {t('monitoring.database.longQueriesNone')}
          </Text>
        ) : (
          <LongQueriesTable queries={h.longQueries} />
        )}
      </MonitoringSection>
      <MonitoringSection
        title={t('monitoring.database.slowStatements')}
        description={t('monitoring.database.slowStatementsHint')}
      >
        {h.slowStatements === null ? (
          <UnavailableNote unavailable={h.unavailable} items={['slowStatements']} />
        ) : h.slowStatements.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('monitoring.database.slowStatementsNone')}
          </Text>
        ) : (
          <SlowStatementsTable statements={h.slowStatements} />
        )}
      </MonitoringSection>
      {others.length > 0 ? (
        <MonitoringSection title={t('monitoring.database.unavailable')}>
          <Stack gap={4} component="ul" m={0} pl="md">
            {others.map((u) => (
              <Text key={u.item} component="li" size="sm">
                {u.reason}
              </Text>
            ))}
          </Stack>
        </MonitoringSection>
      ) : null}
    </Stack>
  );
}

import { Anchor, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../../lib/api.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { queryKeys } from '../../lib/query-keys.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { HomeCard } from '../home/home-card.tsx';
import { useOutbox } from '../outbox/outbox.queries.ts';
import { useJobs } from './jobs.queries.ts';

const ReadinessSchema = z.object({ status: z.enum(['ready', 'not-ready']), database: z.boolean() });

function Part({ ok, children, to }: { ok: boolean | undefined; children: ReactNode; to?: string }) {
  const color = ok === undefined ? 'dimmed' : ok ? 'teal.8' : 'red.8';
  const text = (
    <Text span size="sm" c={color} fw={ok === false ? 700 : 500}>
      {ok === undefined ? '…' : ok ? '● ' : '▲ '}
      {children}
    </Text>
  );
  return to && ok === false ? (
    <Anchor component={Link} to={to} underline="always">
      {text}
    </Anchor>
  ) : (
    text
  );
}

/** Home for administrators: the database, failed background jobs and undelivered messages, in one line. */
export function SystemHealthCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ready = useQuery({
    queryKey: [...queryKeys.jobs, 'readiness'],
    queryFn: ({ signal }) => api.get('/readyz', ReadinessSchema, { signal }),
  });
  const failedJobs = useJobs({ page: 1, pageSize: 1, status: 'dead' });
  const canOutbox = hasPermission(me, 'outbox:read');
  const failedMail = useOutbox({ page: 1, pageSize: 1, status: 'failed' });
  const jobs = failedJobs.data?.total;
  const mail = canOutbox ? failedMail.data?.total : 0;
  return (
    <HomeCard title={t('home.cards.systemHealth')}>
      <Group gap="lg" role="status">
        <Part ok={ready.isError ? false : ready.data ? ready.data.database : undefined}>
          {ready.isError || ready.data?.database === false
            ? t('home.cards.databaseDown')
            : t('home.cards.databaseOk')}
        </Part>
        <Part ok={jobs === undefined ? undefined : jobs === 0} to="/jobs">
          {t('home.cards.failedJobs', { count: jobs ?? 0 })}
        </Part>
        {canOutbox ? (
          <Part ok={mail === undefined ? undefined : mail === 0} to="/outbox">
            {t('home.cards.failedMessages', { count: mail ?? 0 })}
          </Part>
        ) : null}
      </Group>
    </HomeCard>
  );
}

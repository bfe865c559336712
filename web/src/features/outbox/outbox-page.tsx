import { OUTBOX_STATUSES, type OutboxMessage, OutboxQuerySchema } from '@carebase/contracts';
import {
  Anchor,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconMail, IconRefresh } from '../../components/icons.tsx';
import { LastErrorCell } from '../../components/last-error-cell.tsx';
import { ListFooter } from '../../components/list-footer.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useUrlQuery } from '../../components/use-url-query.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useOutbox, useRetryOutboxMessage } from './outbox.queries.ts';

type OutboxStatus = OutboxMessage['status'];
const STATUS_COLORS: Record<OutboxStatus, string> = {
  pending: 'blue',
  sent: 'teal',
  failed: 'red',
  held: 'orange',
};
const CHANNELS = ['email', 'sms'] as const;

export function canRetryMessage(message: Pick<OutboxMessage, 'status'>): boolean {
  return message.status === 'failed' || message.status === 'held';
}

function RetryButton({ message }: { message: OutboxMessage }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const retry = useRetryOutboxMessage();
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconRefresh size={14} />}
      loading={retry.isPending}
      onClick={() =>
        retry.mutate(message.id, {
          onSuccess: () => notify.success(t('outbox.retried')),
          onError: notify.error,
        })
      }
    >
      {t('outbox.retry')}
    </Button>
  );
}

function MessageDrawer({
  message,
  canRetry,
  onClose,
}: {
  message: OutboxMessage | null;
  canRetry: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const facts: [string, ReactNode][] = message
    ? [
        [t('outbox.columns.channel'), t(`outbox.channels.${message.channel}`)],
        [t('outbox.columns.to'), message.to],
        [
          t('outbox.columns.status'),
          <Badge key="status" color={STATUS_COLORS[message.status]} variant="light">
            {t(`outbox.statuses.${message.status}`)}
          </Badge>,
        ],
        [t('outbox.columns.attempts'), message.attempts],
        [t('outbox.columns.created'), <DateTimeText key="created" value={message.createdAt} />],
        [t('outbox.columns.sent'), <DateTimeText key="sent" value={message.sentAt} />],
      ]
    : [];
  return (
    <Drawer
      opened={message !== null}
      onClose={onClose}
      title={t('outbox.detailTitle')}
      position="right"
      size="lg"
    >
      {message ? (
        <Stack>
          <Text fw={600}>{message.subject ?? t('outbox.noSubject')}</Text>
          <SimpleGrid cols={2} spacing="sm" component="dl" className="plain-dl">
            {facts.map(([label, value]) => (
              <Stack gap={2} key={label}>
                <Text component="dt" size="xs" c="dimmed" fw={600}>
                  {label}
                </Text>
                <Text component="dd" size="sm" className="break-anywhere">
                  {value}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          {message.lastError ? (
            <Stack gap={2}>
              <Text size="xs" c="dimmed" fw={600}>
                {t('outbox.columns.lastError')}
              </Text>
              <Code block color="red.1">
                {message.lastError}
              </Code>
            </Stack>
          ) : null}
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600}>
              {t('outbox.body')}
            </Text>
            <Code block className="message-body">
              {message.body}
            </Code>
          </Stack>
          {canRetry && canRetryMessage(message) ? (
            <Group>
              <RetryButton message={message} />
            </Group>
          ) : null}
        </Stack>
      ) : null}
    </Drawer>
  );
}

/** `/outbox`: emails and SMS as stored before sending, with their delivery state. */
export function OutboxPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canRetry = hasPermission(me, 'jobs:write');
  const [query, setQuery] = useUrlQuery(OutboxQuerySchema);
  const outbox = useOutbox(query);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = outbox.data?.items.find((message) => message.id === openId) ?? null;

  let content: ReactNode;
  if (outbox.isPending) content = <TableSkeleton />;
  else if (outbox.isError)
    content = <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />;
  else if (outbox.data.items.length === 0)
    content = (
      <Empty icon={<IconMail size={28} />} title={t('outbox.empty')} description={t('outbox.emptyHint')} />
    );
  else
    content = (
      <>
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing="sm" highlightOnHover aria-busy={outbox.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('outbox.columns.channel')}</Table.Th>
                <Table.Th>{t('outbox.columns.to')}</Table.Th>
                <Table.Th>{t('outbox.columns.subject')}</Table.Th>
                <Table.Th>{t('outbox.columns.status')}</Table.Th>
                <Table.Th ta="right">{t('outbox.columns.attempts')}</Table.Th>
                <Table.Th>{t('outbox.columns.lastError')}</Table.Th>
                <Table.Th>{t('outbox.columns.created')}</Table.Th>
                <Table.Th>{t('outbox.columns.sent')}</Table.Th>
                {canRetry ? (
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outbox.data.items.map((message) => (
                <Table.Tr key={message.id}>
                  <Table.Td>{t(`outbox.channels.${message.channel}`)}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => setOpenId(message.id)}
                      aria-label={t('outbox.view', { to: message.to })}
                    >
                      {message.to}
                    </Anchor>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" truncate="end">
                      {message.subject ?? t('outbox.noSubject')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[message.status]} variant="light">
                      {t(`outbox.statuses.${message.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{message.attempts}</Table.Td>
                  <LastErrorCell error={message.lastError} width={240} />
                  <Table.Td className="nowrap">
                    <DateTimeText value={message.createdAt} />
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <DateTimeText value={message.sentAt} />
                  </Table.Td>
                  {canRetry ? (
                    <Table.Td ta="right">
                      {canRetryMessage(message) ? <RetryButton message={message} /> : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <ListFooter
          total={outbox.data.total}
          page={query.page}
          pageSize={query.pageSize}
          onPage={(page) => setQuery({ page })}
          onPageSize={(pageSize) => setQuery({ pageSize })}
        />
      </>
    );

  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      <Paper withBorder p="md" radius="md">
        <Group mb="md" gap="sm" align="flex-end">
          <Select
            label={t('outbox.status')}
            placeholder={t('outbox.anyStatus')}
            data={OUTBOX_STATUSES.map((status) => ({ value: status, label: t(`outbox.statuses.${status}`) }))}
            value={query.status ?? null}
            onChange={(status) => setQuery({ status })}
            clearable
            w={{ base: '100%', sm: 200 }}
          />
          <Select
            label={t('outbox.channel')}
            placeholder={t('outbox.anyChannel')}
            data={CHANNELS.map((channel) => ({ value: channel, label: t(`outbox.channels.${channel}`) }))}
            value={query.channel ?? null}
            onChange={(channel) => setQuery({ channel })}
            clearable
            w={{ base: '100%', sm: 200 }}
          />
        </Group>
        {content}
      </Paper>
      <MessageDrawer message={open} canRetry={canRetry} onClose={() => setOpenId(null)} />
    </>
  );
}

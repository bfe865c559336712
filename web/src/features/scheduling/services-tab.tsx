import type { Service } from '@carebase/contracts';
import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { IconList, IconPlus } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { ActiveBadge } from './active-badge.tsx';
import { useDepartments, useProviders, useServices } from './scheduling.queries.ts';
import { ServiceFormModal } from './service-form-modal.tsx';

export function ServicesTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const services = useServices();
  const departments = useDepartments();
  const providers = useProviders();
  const [editing, setEditing] = useState<Service | null>(null);
  const [creating, setCreating] = useState(false);
  const departmentName = (key: string) => departments.data?.find((d) => d.key === key)?.name ?? key;
  const providerName = (id: string) =>
    providers.data?.find((p) => p.id === id)?.name ?? t('schedules.services.unknownProvider');

  let content: ReactNode;
  if (services.isPending) content = <TableSkeleton />;
  else if (services.isError)
    content = <QueryError error={services.error} onRetry={() => void services.refetch()} />;
  else if (services.data.length === 0)
    content = (
      <Empty
        icon={<IconList size={28} />}
        title={t('schedules.services.empty')}
        description={canWrite ? t('schedules.services.emptyHint') : undefined}
      />
    );
  else
    content = (
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('schedules.services.name')}</Table.Th>
              <Table.Th>{t('schedules.services.department')}</Table.Th>
              <Table.Th ta="right">{t('schedules.services.durationColumn')}</Table.Th>
              <Table.Th ta="right">{t('schedules.services.bufferColumn')}</Table.Th>
              <Table.Th>{t('schedules.services.providers')}</Table.Th>
              <Table.Th>{t('schedules.status')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <Anchor component="button" type="button" fw={600} size="sm" onClick={() => setEditing(s)}>
                      {s.name}
                    </Anchor>
                    {s.selfBookable ? (
                      <Text size="xs" c="dimmed">
                        {t('schedules.services.selfBookableShort')}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>{departmentName(s.departmentKey)}</Table.Td>
                <Table.Td ta="right">{t('schedules.minutes', { count: s.durationMinutes })}</Table.Td>
                <Table.Td ta="right">{t('schedules.minutes', { count: s.bufferMinutes })}</Table.Td>
                <Table.Td maw={320}>
                  {s.providerIds.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('schedules.services.noProviders')}
                    </Text>
                  ) : (
                    <Group gap={4}>
                      {s.providerIds.map((id) => (
                        <Badge key={id} size="sm" variant="outline" color="gray" tt="none">
                          {providerName(id)}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <ActiveBadge active={s.active} />
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(s)}>
                      {canWrite ? t('common.edit') : t('common.details')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('schedules.services.hint')}
        </Text>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('schedules.services.create')}
          </Button>
        ) : null}
      </Group>
      {content}
      <ServiceFormModal
        opened={creating || editing !== null}
        service={editing}
        readOnly={!canWrite}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </Stack>
  );
}

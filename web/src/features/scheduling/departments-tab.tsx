import type { Department } from '@carebase/contracts';
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { IconBuilding, IconPlus } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { ActiveBadge } from './active-badge.tsx';
import { DepartmentFormModal } from './department-form-modal.tsx';
import { useDepartments } from './scheduling.queries.ts';

export function DepartmentsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const [editing, setEditing] = useState<Department | null>(null);
  const [creating, setCreating] = useState(false);

  let content: ReactNode;
  if (departments.isPending) content = <TableSkeleton />;
  else if (departments.isError)
    content = <QueryError error={departments.error} onRetry={() => void departments.refetch()} />;
  else if (departments.data.length === 0)
    content = <Empty icon={<IconBuilding size={28} />} title={t('schedules.departments.empty')} />;
  else
    content = (
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('schedules.departments.name')}</Table.Th>
              <Table.Th>{t('schedules.departments.prefix')}</Table.Th>
              <Table.Th>{t('schedules.status')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {departments.data.map((d) => (
              <Table.Tr key={d.key}>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <Anchor component="button" type="button" fw={600} size="sm" onClick={() => setEditing(d)}>
                      {d.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {d.key}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td ff="monospace">{d.ticketPrefix}</Table.Td>
                <Table.Td>
                  <ActiveBadge active={d.active} />
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(d)}>
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
          {t('schedules.departments.hint')}
        </Text>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('schedules.departments.create')}
          </Button>
        ) : null}
      </Group>
      {content}
      <DepartmentFormModal
        opened={creating || editing !== null}
        department={editing}
        readOnly={!canWrite}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </Stack>
  );
}

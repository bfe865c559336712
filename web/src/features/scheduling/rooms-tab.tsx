import type { Room } from '@carebase/contracts';
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { IconBuilding, IconPlus } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { ActiveBadge } from './active-badge.tsx';
import { RoomFormModal } from './room-form-modal.tsx';
import { useDepartments, useRooms } from './scheduling.queries.ts';

export function RoomsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const rooms = useRooms();
  const departments = useDepartments();
  const [editing, setEditing] = useState<Room | null>(null);
  const [creating, setCreating] = useState(false);
  const departmentName = (key: string) => departments.data?.find((d) => d.key === key)?.name ?? key;

  let content: ReactNode;
  if (rooms.isPending) content = <TableSkeleton />;
  else if (rooms.isError) content = <QueryError error={rooms.error} onRetry={() => void rooms.refetch()} />;
  else if (rooms.data.length === 0)
    content = (
      <Empty
        icon={<IconBuilding size={28} />}
        title={t('schedules.rooms.empty')}
        description={canWrite ? t('schedules.rooms.emptyHint') : undefined}
      />
    );
  else
    content = (
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('schedules.rooms.name')}</Table.Th>
              <Table.Th>{t('schedules.rooms.department')}</Table.Th>
              <Table.Th>{t('schedules.status')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rooms.data.map((room) => (
              <Table.Tr key={room.id}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    fw={600}
                    size="sm"
                    onClick={() => setEditing(room)}
                  >
                    {room.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{departmentName(room.departmentKey)}</Table.Td>
                <Table.Td>
                  <ActiveBadge active={room.active} />
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(room)}>
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
          {t('schedules.rooms.hint')}
        </Text>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('schedules.rooms.create')}
          </Button>
        ) : null}
      </Group>
      {content}
      <RoomFormModal
        opened={creating || editing !== null}
        room={editing}
        readOnly={!canWrite}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </Stack>
  );
}

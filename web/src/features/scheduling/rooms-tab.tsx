import type { Room } from '@carebase/contracts';
import { Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CatalogTable, NameButton } from '../../components/catalog/catalog-table.tsx';
import { TabToolbar } from '../../components/catalog/tab-toolbar.tsx';
import { useEditDialog } from '../../components/catalog/use-edit-dialog.ts';
import { Empty } from '../../components/empty.tsx';
import { IconBuilding } from '../../components/icons.tsx';
import { RoomFormModal } from './room-form-modal.tsx';
import { useDepartments, useRooms } from './scheduling.queries.ts';

export function RoomsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const rooms = useRooms();
  const departments = useDepartments();
  const dialog = useEditDialog<Room>(!canWrite);
  const departmentName = (key: string) => departments.data?.find((d) => d.key === key)?.name ?? key;

  return (
    <Stack>
      <TabToolbar
        hint={t('schedules.rooms.hint')}
        addLabel={canWrite ? t('schedules.rooms.create') : null}
        onAdd={dialog.create}
      />
      <CatalogTable
        query={rooms}
        empty={
          <Empty
            icon={<IconBuilding size={28} />}
            title={t('schedules.rooms.empty')}
            description={canWrite ? t('schedules.rooms.emptyHint') : undefined}
          />
        }
        minWidth={520}
        head={
          <>
            <Table.Th>{t('schedules.rooms.name')}</Table.Th>
            <Table.Th>{t('schedules.rooms.department')}</Table.Th>
          </>
        }
        rowKey={(room) => room.id}
        cells={(room) => (
          <>
            <Table.Td>
              <NameButton onClick={() => dialog.edit(room)}>{room.name}</NameButton>
            </Table.Td>
            <Table.Td>{departmentName(room.departmentKey)}</Table.Td>
          </>
        )}
        canWrite={canWrite}
        onOpen={dialog.edit}
      />
      <RoomFormModal {...dialog.props} />
    </Stack>
  );
}

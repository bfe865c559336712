import type { Department } from '@carebase/contracts';
import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CatalogTable, NameButton } from '../../components/catalog/catalog-table.tsx';
import { TabToolbar } from '../../components/catalog/tab-toolbar.tsx';
import { useEditDialog } from '../../components/catalog/use-edit-dialog.ts';
import { Empty } from '../../components/empty.tsx';
import { IconBuilding } from '../../components/icons.tsx';
import { DepartmentFormModal } from './department-form-modal.tsx';
import { useDepartments } from './scheduling.queries.ts';

export function DepartmentsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const dialog = useEditDialog<Department>(!canWrite);

  return (
    <Stack>
      <TabToolbar
        hint={t('schedules.departments.hint')}
        addLabel={canWrite ? t('schedules.departments.create') : null}
        onAdd={dialog.create}
      />
      <CatalogTable
        query={departments}
        empty={<Empty icon={<IconBuilding size={28} />} title={t('schedules.departments.empty')} />}
        minWidth={560}
        head={
          <>
            <Table.Th>{t('schedules.departments.name')}</Table.Th>
            <Table.Th>{t('schedules.departments.prefix')}</Table.Th>
          </>
        }
        rowKey={(d) => d.key}
        cells={(d) => (
          <>
            <Table.Td>
              <Stack gap={2} align="flex-start">
                <NameButton onClick={() => dialog.edit(d)}>{d.name}</NameButton>
                <Text size="xs" c="dimmed" ff="monospace">
                  {d.key}
                </Text>
              </Stack>
            </Table.Td>
            <Table.Td ff="monospace">{d.ticketPrefix}</Table.Td>
          </>
        )}
        canWrite={canWrite}
        onOpen={dialog.edit}
      />
      <DepartmentFormModal {...dialog.props} />
    </Stack>
  );
}

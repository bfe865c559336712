import type { Service } from '@carebase/contracts';
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CatalogTable, NameButton } from '../../components/catalog/catalog-table.tsx';
import { TabToolbar } from '../../components/catalog/tab-toolbar.tsx';
import { useEditDialog } from '../../components/catalog/use-edit-dialog.ts';
import { Empty } from '../../components/empty.tsx';
import { IconList } from '../../components/icons.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useDepartments, useProviders, useServices } from './scheduling.queries.ts';
import { ServiceFormModal } from './service-form-modal.tsx';

export function ServicesTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const services = useServices();
  const departments = useDepartments();
  const providers = useProviders();
  const dialog = useEditDialog<Service>(!canWrite);
  const departmentName = (key: string) => departments.data?.find((d) => d.key === key)?.name ?? key;
  const providerName = (id: string) =>
    providers.data?.find((p) => p.id === id)?.name ?? t('schedules.services.unknownProvider');

  return (
    <Stack>
      <TabToolbar
        hint={t('schedules.services.hint')}
        addLabel={canWrite ? t('schedules.services.create') : null}
        onAdd={dialog.create}
      />
      <CatalogTable
        query={services}
        empty={
          <Empty
            icon={<IconList size={28} />}
            title={t('schedules.services.empty')}
            description={canWrite ? t('schedules.services.emptyHint') : undefined}
          />
        }
        minWidth={960}
        head={
          <>
            <Table.Th>{t('schedules.services.name')}</Table.Th>
            <Table.Th>{t('schedules.services.department')}</Table.Th>
            <Table.Th ta="right">{t('schedules.services.durationColumn')}</Table.Th>
            <Table.Th ta="right">{t('schedules.services.bufferColumn')}</Table.Th>
            <Table.Th ta="right">{t('schedules.services.priceColumn')}</Table.Th>
            <Table.Th>{t('schedules.services.providers')}</Table.Th>
          </>
        }
        rowKey={(s) => s.id}
        cells={(s) => (
          <>
            <Table.Td>
              <Stack gap={2} align="flex-start">
                <NameButton onClick={() => dialog.edit(s)}>{s.name}</NameButton>
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
            <Table.Td ta="right">
              {s.priceMinor === null ? (
                <Text size="sm" c="dimmed">
                  {t('schedules.services.notPriced')}
                </Text>
              ) : (
                format.money(s.priceMinor)
              )}
            </Table.Td>
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
          </>
        )}
        canWrite={canWrite}
        onOpen={dialog.edit}
      />
      <ServiceFormModal {...dialog.props} />
    </Stack>
  );
}

import { PRICE_ITEM_KINDS, type PriceItem, type PriceItemKind } from '@carebase/contracts';
import { Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CatalogTable, NameButton } from '../../components/catalog/catalog-table.tsx';
import { useEditDialog } from '../../components/catalog/use-edit-dialog.ts';
import { Empty } from '../../components/empty.tsx';
import { IconList, IconPlus, IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { type PriceListFilter, useImportServices, usePriceList } from './billing.queries.ts';
import { itemName, percentOf, shareLabel } from './price-format.ts';
import { PriceHistoryModal } from './price-history-modal.tsx';
import { PriceItemFormModal } from './price-item-form-modal.tsx';

/** `/billing/price-list`: what the clinic charges for, with tax and doctors' shares. Editing needs pricelist:write. */
export function PriceListPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const notify = useNotify();
  const canWrite = hasPermission(me, 'pricelist:write');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [kind, setKind] = useState<PriceItemKind | null>(null);
  const [active, setActive] = useState<'true' | 'false' | null>('true');
  const filter: PriceListFilter = {
    ...(q ? { q } : {}),
    ...(kind ? { kind } : {}),
    ...(active ? { active } : {}),
  };
  const items = usePriceList(filter);
  const dialog = useEditDialog<PriceItem>(!canWrite);
  const [historyOf, setHistoryOf] = useState<PriceItem | null>(null);
  const importServices = useImportServices();
  const language = format.context.language;
  const filtered = Boolean(q || kind || active === 'false');

  const runImport = () =>
    importServices.mutate(undefined, {
      onSuccess: ({ created }) =>
        notify.success(
          created.length === 0
            ? t('billing.priceList.importedNone')
            : t('billing.priceList.imported', { count: created.length }),
        ),
      onError: notify.error,
    });

  return (
    <>
      <PageHeader
        title={t('billing.priceList.title')}
        description={t('billing.priceList.description')}
        actions={
          canWrite ? (
            <Group gap="xs">
              <Button variant="default" onClick={runImport} loading={importServices.isPending}>
                {t('billing.priceList.importServices')}
              </Button>
              <Button leftSection={<IconPlus size={16} />} onClick={dialog.create}>
                {t('billing.priceList.create')}
              </Button>
            </Group>
          ) : null
        }
      />
      <Paper withBorder radius="md" p="md">
        <Stack>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('billing.priceList.search')}
              placeholder={t('billing.priceList.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              type="search"
              w={280}
            />
            <Select
              label={t('billing.priceList.kind')}
              placeholder={t('billing.priceList.anyKind')}
              data={PRICE_ITEM_KINDS.map((k) => ({ value: k, label: t(`billing.priceList.kinds.${k}`) }))}
              value={kind}
              onChange={(value) => setKind(value as PriceItemKind | null)}
              clearable
              w={200}
            />
            <Select
              label={t('billing.priceList.status')}
              data={[
                { value: 'true', label: t('billing.priceList.activeOnly') },
                { value: 'false', label: t('billing.priceList.inactiveOnly') },
              ]}
              placeholder={t('billing.priceList.anyStatus')}
              value={active}
              onChange={(value) => setActive(value as 'true' | 'false' | null)}
              clearable
              w={200}
            />
          </Group>
          <CatalogTable
            query={items}
            empty={
              <Empty
                icon={<IconList size={28} />}
                title={filtered ? t('billing.priceList.noMatch') : t('billing.priceList.empty')}
                description={canWrite && !filtered ? t('billing.priceList.emptyHint') : undefined}
              />
            }
            minWidth={900}
            head={
              <>
                <Table.Th>{t('billing.priceList.code')}</Table.Th>
                <Table.Th>{t('billing.priceList.name')}</Table.Th>
                <Table.Th ta="right">{t('billing.priceList.priceColumn')}</Table.Th>
                <Table.Th ta="right">{t('billing.priceList.taxColumn')}</Table.Th>
                <Table.Th>{t('billing.priceList.share')}</Table.Th>
              </>
            }
            rowKey={(item) => item.id}
            cells={(item) => (
              <>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {item.code}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <NameButton onClick={() => dialog.edit(item)}>{itemName(item, language)}</NameButton>
                    <Text size="xs" c="dimmed">
                      {t(`billing.priceList.kinds.${item.kind}`)}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">{format.money(item.priceMinor)}</Table.Td>
                <Table.Td ta="right">{percentOf(item.taxRateBasisPoints, language)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {item.doctorShare
                      ? shareLabel(item.doctorShare, language, format.money)
                      : t('billing.priceList.noShare')}
                  </Text>
                  {item.overrides.length > 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('billing.priceList.overridesCount', { count: item.overrides.length })}
                    </Text>
                  ) : null}
                </Table.Td>
              </>
            )}
            canWrite={canWrite}
            onOpen={dialog.edit}
          />
        </Stack>
      </Paper>
      <PriceItemFormModal {...dialog.props} onHistory={setHistoryOf} />
      <PriceHistoryModal item={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}

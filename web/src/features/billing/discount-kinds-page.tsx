import type { DiscountKind } from '@carebase/contracts';
import { Button, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CatalogTable, NameButton } from '../../components/catalog/catalog-table.tsx';
import { useEditDialog } from '../../components/catalog/use-edit-dialog.ts';
import { Empty } from '../../components/empty.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { RoleBadges } from '../../components/role-badges.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useRoleChoices } from '../roles/use-role-choices.ts';
import { IconDiscount } from './billing-icons.tsx';
import { DiscountKindFormModal } from './discount-kind-form-modal.tsx';
import { useDiscountKinds } from './discount-kinds.queries.ts';
import { itemName, shareLabel } from './price-format.ts';

/** `/billing/discounts`: the kinds of discount the clinic grants. Adding and editing needs discounts:write. */
export function DiscountKindsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const canWrite = hasPermission(me, 'discounts:write');
  const kinds = useDiscountKinds();
  const roles = useRoleChoices();
  const dialog = useEditDialog<DiscountKind>(!canWrite);
  const language = format.context.language;

  return (
    <>
      <PageHeader
        title={t('billing.discounts.title')}
        description={t('billing.discounts.description')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={dialog.create}>
              {t('billing.discounts.create')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p="md">
        <CatalogTable
          query={kinds}
          empty={
            <Empty
              icon={<IconDiscount size={28} />}
              title={t('billing.discounts.empty')}
              description={canWrite ? t('billing.discounts.emptyHint') : undefined}
            />
          }
          minWidth={1000}
          head={
            <>
              <Table.Th>{t('billing.discounts.code')}</Table.Th>
              <Table.Th>{t('billing.discounts.name')}</Table.Th>
              <Table.Th ta="right">{t('billing.discounts.value')}</Table.Th>
              <Table.Th>{t('billing.discounts.appliesTo')}</Table.Th>
              <Table.Th>{t('billing.discounts.grantedBy')}</Table.Th>
              <Table.Th>{t('billing.discounts.reasonRequired')}</Table.Th>
              <Table.Th>{t('billing.discounts.borneBy')}</Table.Th>
            </>
          }
          rowKey={(kind) => kind.id}
          cells={(kind) => (
            <>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {kind.code}
              </Table.Td>
              <Table.Td>
                <NameButton onClick={() => dialog.edit(kind)}>{itemName(kind, language)}</NameButton>
              </Table.Td>
              <Table.Td ta="right">{shareLabel(kind.value, language, format.money)}</Table.Td>
              <Table.Td>{t(`billing.discounts.appliesToOptions.${kind.appliesTo}`)}</Table.Td>
              <Table.Td>
                {kind.grantedBy.length > 0 ? (
                  <RoleBadges roles={kind.grantedBy} names={roles.names} size="xs" />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('billing.discounts.anyBiller')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{kind.reasonRequired ? t('common.yes') : t('common.no')}</Table.Td>
              <Table.Td>{t(`billing.discounts.borneByOptions.${kind.borneBy}`)}</Table.Td>
            </>
          )}
          canWrite={canWrite}
          onOpen={dialog.edit}
        />
      </Paper>
      <DiscountKindFormModal {...dialog.props} roleOptions={roles.options} />
    </>
  );
}

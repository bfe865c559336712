import type { OrthancLink } from '@carebase/contracts';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NameButton } from '../../components/catalog/catalog-table.tsx';
import { QueryTable } from '../../components/catalog/query-table.tsx';
import { TabToolbar } from '../../components/catalog/tab-toolbar.tsx';
import { useEditDialog } from '../../components/catalog/use-edit-dialog.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ActionsTh } from '../../components/data-table.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { LastErrorCell } from '../../components/last-error-cell.tsx';
import { useConfirmMutation } from '../../components/use-confirm-mutation.ts';
import { useDeleteOrthancLink, useOrthancLinks } from './imaging.queries.ts';
import { OrthancFormModal } from './orthanc-form-modal.tsx';

/** Orthanc servers this archive imports from: where, how it signs in, and how the last sync went. */
export function OrthancTab() {
  const { t, i18n } = useTranslation();
  const links = useOrthancLinks();
  const dialog = useEditDialog<OrthancLink>(false);
  const remove = useDeleteOrthancLink();
  const confirm = useConfirmMutation<OrthancLink>(remove, t('imaging.orthanc.deleted'));
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <Stack>
      <TabToolbar
        hint={t('imaging.orthanc.hint')}
        addLabel={t('imaging.orthanc.create')}
        onAdd={dialog.create}
      />
      <QueryTable
        query={links}
        minWidth={1000}
        empty={<Empty title={t('imaging.orthanc.empty')} description={t('imaging.orthanc.emptyHint')} />}
        head={
          <>
            <Table.Th>{t('imaging.orthanc.name')}</Table.Th>
            <Table.Th>{t('imaging.orthanc.signIn')}</Table.Th>
            <Table.Th>{t('imaging.orthanc.follow')}</Table.Th>
            <Table.Th>{t('imaging.orthanc.lastSync')}</Table.Th>
            <Table.Th ta="right">{t('imaging.orthanc.lastChange')}</Table.Th>
            <Table.Th>{t('imaging.orthanc.lastError')}</Table.Th>
            <ActionsTh />
          </>
        }
      >
        {(items) =>
          items.map((link) => (
            <Table.Tr key={link.id}>
              <Table.Td maw={280}>
                <NameButton onClick={() => dialog.edit(link)}>{link.name}</NameButton>
                <Text size="xs" c="dimmed" ff="monospace" className="break-anywhere">
                  {link.url}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{link.username || t('imaging.orthanc.noUsername')}</Text>
                <Text size="xs" c="dimmed">
                  {link.passwordSet ? t('imaging.orthanc.passwordSaved') : t('imaging.orthanc.noPassword')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={link.followChanges ? 'teal' : 'gray'}>
                  {link.followChanges ? t('imaging.orthanc.following') : t('imaging.orthanc.notFollowing')}
                </Badge>
              </Table.Td>
              <Table.Td className="nowrap">
                <DateTimeText value={link.lastSyncAt} empty={t('common.never')} />
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {number.format(link.lastChange)}
              </Table.Td>
              <LastErrorCell error={link.lastError} width={240} />
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="subtle" onClick={() => dialog.edit(link)}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => confirm.ask(link)}
                    aria-label={t('imaging.orthanc.deleteNamed', { name: link.name })}
                  >
                    {t('common.delete')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))
        }
      </QueryTable>
      <OrthancFormModal {...dialog.props} />
      <ConfirmModal
        {...confirm.modal}
        title={t('imaging.orthanc.deleteTitle')}
        message={t('imaging.orthanc.deleteMessage', { name: confirm.target?.name ?? '' })}
        confirmLabel={t('common.delete')}
        danger
      />
    </Stack>
  );
}

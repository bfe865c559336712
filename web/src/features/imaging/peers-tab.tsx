import type { DicomPeer } from '@carebase/contracts';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NameButton } from '../../components/catalog/catalog-table.tsx';
import { QueryTable } from '../../components/catalog/query-table.tsx';
import { TabToolbar } from '../../components/catalog/tab-toolbar.tsx';
import { useEditDialog } from '../../components/catalog/use-edit-dialog.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ActionsTh } from '../../components/data-table.tsx';
import { Empty } from '../../components/empty.tsx';
import { useConfirmMutation } from '../../components/use-confirm-mutation.ts';
import { useErrorMessage } from '../../components/use-error-message.ts';
import { type EchoResult, useDeletePeer, useEchoPeer, usePeers } from './imaging.queries.ts';
import { PeerFormModal } from './peer-form-modal.tsx';

/** The outcome of the last echo to a peer, next to its button. */
function EchoOutcome({ result, error }: { result: EchoResult | undefined; error: unknown }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  if (error) {
    return (
      <Text size="xs" c="red.8" role="status">
        {errorMessage(error)}
      </Text>
    );
  }
  if (!result) return null;
  return (
    <Stack gap={0} role="status">
      <Badge size="sm" variant="light" color={result.ok ? 'teal' : 'red'}>
        {result.ok ? t('imaging.peers.echoOk', { ms: Math.round(result.ms) }) : t('imaging.peers.echoFailed')}
      </Badge>
      {result.message && !result.ok ? (
        <Text size="xs" c="red.8" maw={260} className="break-anywhere">
          {result.message}
        </Text>
      ) : null}
    </Stack>
  );
}

function EchoButton({ peer }: { peer: DicomPeer }) {
  const { t } = useTranslation();
  const echo = useEchoPeer();
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <EchoOutcome result={echo.data} error={echo.error} />
      <Button
        size="xs"
        variant="light"
        loading={echo.isPending}
        onClick={() => echo.mutate(peer.id)}
        aria-label={t('imaging.peers.echoNamed', { ae: peer.aeTitle })}
      >
        {t('imaging.peers.echo')}
      </Button>
    </Group>
  );
}

/** The DICOM nodes this archive talks to: who they are, where, what they may ask; an echo to test each. */
export function PeersTab() {
  const { t } = useTranslation();
  const peers = usePeers();
  const dialog = useEditDialog<DicomPeer>(false);
  const remove = useDeletePeer();
  const confirm = useConfirmMutation<DicomPeer>(remove, t('imaging.peers.deleted'));

  return (
    <Stack>
      <TabToolbar hint={t('imaging.peers.hint')} addLabel={t('imaging.peers.create')} onAdd={dialog.create} />
      <QueryTable
        query={peers}
        minWidth={900}
        empty={<Empty title={t('imaging.peers.empty')} description={t('imaging.peers.emptyHint')} />}
        head={
          <>
            <Table.Th>{t('imaging.peers.aeTitle')}</Table.Th>
            <Table.Th>{t('imaging.peers.address')}</Table.Th>
            <Table.Th>{t('imaging.peers.verbs')}</Table.Th>
            <Table.Th>{t('imaging.peers.descriptionField')}</Table.Th>
            <ActionsTh />
          </>
        }
      >
        {(items) =>
          items.map((peer) => (
            <Table.Tr key={peer.id}>
              <Table.Td>
                <NameButton onClick={() => dialog.edit(peer)}>
                  <Text span ff="monospace" size="sm" fw={600}>
                    {peer.aeTitle}
                  </Text>
                </NameButton>
              </Table.Td>
              <Table.Td ff="monospace" className="nowrap">
                {peer.host}:{peer.port}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {peer.verbs.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('imaging.peers.noVerbs')}
                    </Text>
                  ) : (
                    peer.verbs.map((verb) => (
                      <Badge key={verb} size="sm" variant="light">
                        {t(`imaging.verbs.${verb}`)}
                      </Badge>
                    ))
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{peer.description}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <EchoButton peer={peer} />
                  <Button size="xs" variant="subtle" onClick={() => dialog.edit(peer)}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => confirm.ask(peer)}
                    aria-label={t('imaging.peers.deleteNamed', { ae: peer.aeTitle })}
                  >
                    {t('common.delete')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))
        }
      </QueryTable>
      <PeerFormModal {...dialog.props} />
      <ConfirmModal
        {...confirm.modal}
        title={t('imaging.peers.deleteTitle')}
        message={t('imaging.peers.deleteMessage', { ae: confirm.target?.aeTitle ?? '' })}
        confirmLabel={t('common.delete')}
        danger
      />
    </Stack>
  );
}

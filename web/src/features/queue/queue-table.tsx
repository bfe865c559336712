import type { QueueDepartment, QueueTicket } from '@carebase/contracts';
import { ActionIcon, Menu, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconDots } from '../../components/icons.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useVisitAction, type VisitAction } from './queue.queries.ts';
import { PriorityBadge, StatusBadge } from './queue-badges.tsx';
import { waitedMinutes } from './queue-format.ts';
import { TransferModal } from './transfer-modal.tsx';
import { TriageModal } from './triage-modal.tsx';
import { useClock } from './use-clock.ts';

export type QueueRights = { write: boolean; call: boolean; chartWrite: boolean };

type Dialog = { kind: 'triage' | 'transfer'; ticket: QueueTicket } | null;

function TicketMenu({
  ticket,
  rights,
  onDialog,
}: {
  ticket: QueueTicket;
  rights: QueueRights;
  onDialog: (dialog: Dialog) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const action = useVisitAction();
  const run = (kind: VisitAction) =>
    action.mutate(
      { id: ticket.id, action: kind },
      {
        onSuccess: (changed) =>
          notify.success(
            t('queue.actions.applied', {
              ticket: changed.ticket,
              status: t(`queue.statuses.${changed.status}`),
            }),
          ),
        onError: notify.error,
      },
    );
  const open = ticket.status !== 'done' && ticket.status !== 'no_show';
  const items = [
    rights.write && open ? (
      <Menu.Item key="triage" onClick={() => onDialog({ kind: 'triage', ticket })}>
        {t('queue.actions.triage')}
      </Menu.Item>
    ) : null,
    ticket.status === 'skipped' && (rights.write || rights.call) ? (
      <Menu.Item key="requeue" onClick={() => run('requeue')}>
        {t('queue.actions.requeue')}
      </Menu.Item>
    ) : null,
    rights.call && open ? (
      <Menu.Item key="transfer" onClick={() => onDialog({ kind: 'transfer', ticket })}>
        {t('queue.actions.transfer')}
      </Menu.Item>
    ) : null,
    ['waiting', 'called', 'skipped'].includes(ticket.status) && (rights.write || rights.call) ? (
      <Menu.Item key="no-show" color="red" onClick={() => run('no-show')}>
        {t('queue.actions.noShow')}
      </Menu.Item>
    ) : null,
  ].filter(Boolean);
  if (items.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          aria-label={t('queue.actions.menu', { ticket: ticket.ticket })}
          loading={action.isPending}
        >
          <IconDots />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>{items}</Menu.Dropdown>
    </Menu>
  );
}

/** A department's tickets: number, patient, priority, status, who and where, waited and estimated wait. */
export function QueueTable({
  items,
  label,
  rights,
  departments,
}: {
  items: readonly QueueTicket[];
  label: string;
  rights: QueueRights;
  departments: readonly QueueDepartment[];
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const now = useClock();
  const minutes = (count: number | null) =>
    count === null ? t('common.emptyValue') : t('queue.minutes', { count });
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('queue.live.ticket')}</Table.Th>
              <Table.Th>{t('queue.live.patient')}</Table.Th>
              <Table.Th>{t('queue.live.priority')}</Table.Th>
              <Table.Th>{t('queue.live.status')}</Table.Th>
              <Table.Th>{t('queue.live.provider')}</Table.Th>
              <Table.Th>{t('queue.live.waited')}</Table.Th>
              <Table.Th>{t('queue.live.estimate')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('queue.live.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((ticket) => (
              <Table.Tr key={ticket.id}>
                <Table.Td>
                  <Text fw={700} ff="monospace" size="lg" style={{ whiteSpace: 'nowrap' }}>
                    {ticket.ticket}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {ticket.patientName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <span style={{ whiteSpace: 'nowrap' }}>{ticket.mrn}</span>
                    {ticket.triageNote ? ` · ${ticket.triageNote}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <PriorityBadge priority={ticket.priority} reason={ticket.priorityReason} />
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={ticket.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{ticket.providerName ?? t('queue.unassigned')}</Text>
                  {ticket.roomName ? (
                    <Text size="xs" c="dimmed">
                      {ticket.roomName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{minutes(waitedMinutes(ticket, now))}</Table.Td>
                <Table.Td>{minutes(ticket.estimatedWaitMinutes)}</Table.Td>
                <Table.Td ta="right">
                  <TicketMenu ticket={ticket} rights={rights} onDialog={setDialog} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {dialog?.kind === 'triage' ? (
        <TriageModal ticket={dialog.ticket} withVitals={rights.chartWrite} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'transfer' ? (
        <TransferModal ticket={dialog.ticket} departments={departments} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

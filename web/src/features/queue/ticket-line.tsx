import type { QueueTicket } from '@carebase/contracts';
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PriorityBadge } from './queue-badges.tsx';
import { waitedMinutes } from './queue-format.ts';

/** One ticket in a short list: number, patient, priority and minutes waited. */
export function TicketLine({ ticket, now }: { ticket: QueueTicket; now: number }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <Group gap="xs" wrap="nowrap" miw={0}>
        <Text size="sm" fw={700} ff="monospace">
          {ticket.ticket}
        </Text>
        <Text size="sm" truncate>
          {ticket.patientName}
        </Text>
        {ticket.priority !== 'normal' ? (
          <PriorityBadge priority={ticket.priority} reason={ticket.priorityReason} />
        ) : null}
      </Group>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {t('home.cards.waitedMinutes', { count: waitedMinutes(ticket, now) })}
      </Text>
    </Group>
  );
}

import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useQueue } from '../queue/queue.queries.ts';

/** Today's visits from the queue, each with a one-click draft invoice. */
export function TodaysVisits({ pending, onDraft }: { pending: boolean; onDraft: (visitId: string) => void }) {
  const { t } = useTranslation();
  const queue = useQueue({});
  const items = queue.data?.items ?? [];
  return (
    <QueryStates
      query={queue}
      isEmpty={items.length === 0}
      empty={<Empty title={t('billing.cashier.noVisits')} />}
    >
      <Stack gap="xs" component="ul" className="plain-list" aria-label={t('billing.cashier.todaysVisits')}>
        {items.map((visit) => (
          <Group key={visit.id} component="li" justify="space-between" gap="xs" wrap="nowrap">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {visit.patientName}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {[visit.ticket, visit.providerName, t(`queue.statuses.${visit.status}`)]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Stack>
            <Button
              size="xs"
              variant="light"
              disabled={pending}
              onClick={() => onDraft(visit.id)}
              aria-label={t('billing.cashier.draftFromVisitOf', { name: visit.patientName })}
            >
              {t('billing.cashier.draftFromVisit')}
            </Button>
          </Group>
        ))}
      </Stack>
    </QueryStates>
  );
}

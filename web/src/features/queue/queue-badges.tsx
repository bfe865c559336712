import type { QueuePriority, QueueStatus } from '@carebase/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const PRIORITY_COLORS: Record<QueuePriority, string> = {
  emergency: 'red',
  priority: 'orange',
  normal: 'gray',
};
const STATUS_COLORS: Record<QueueStatus, string> = {
  waiting: 'blue',
  called: 'teal',
  in_consultation: 'grape',
  done: 'gray',
  skipped: 'yellow',
  no_show: 'dark',
};

/** Priority with its reason ("Priority · Senior citizen"); a known reason key is translated. */
export function PriorityBadge({ priority, reason }: { priority: QueuePriority; reason?: string | null }) {
  const { t } = useTranslation();
  const reasonText = reason ? (isReasonKey(reason) ? t(`queue.reasons.${reason}`) : reason) : null;
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant={priority === 'normal' ? 'outline' : 'filled'}>
      {reasonText
        ? `${t(`queue.priorities.${priority}`)} · ${reasonText}`
        : t(`queue.priorities.${priority}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: QueueStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`queue.statuses.${status}`)}
    </Badge>
  );
}

export function isReasonKey(value: string): value is 'senior' | 'pwd' | 'pregnant' {
  return value === 'senior' || value === 'pwd' || value === 'pregnant';
}

import { PRIORITY_REASONS, QUEUE_PRIORITIES, type QueuePriority } from '@carebase/contracts';
import { Input, SegmentedControl, Select, Stack } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export type PriorityValue = { priority: QueuePriority; reason: string | null };

/** Priority level, and for the middle level the reason (senior, PWD, pregnant). */
export function PriorityFields({
  value,
  onChange,
}: {
  value: PriorityValue;
  onChange: (value: PriorityValue) => void;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Stack gap="xs">
      <Input.Wrapper label={t('queue.priorityLabel')} labelElement="div" id={labelId}>
        <SegmentedControl
          fullWidth
          aria-labelledby={labelId}
          value={value.priority}
          onChange={(priority) =>
            onChange({
              priority: priority as QueuePriority,
              reason: priority === 'priority' ? value.reason : null,
            })
          }
          data={QUEUE_PRIORITIES.map((p) => ({ value: p, label: t(`queue.priorities.${p}`) }))}
        />
      </Input.Wrapper>
      {value.priority === 'priority' ? (
        <Select
          label={t('queue.reasonLabel')}
          value={value.reason}
          onChange={(reason) => onChange({ ...value, reason })}
          data={PRIORITY_REASONS.map((r) => ({ value: r, label: t(`queue.reasons.${r}`) }))}
          clearable
        />
      ) : null}
    </Stack>
  );
}

export const NORMAL_PRIORITY: PriorityValue = { priority: 'normal', reason: null };

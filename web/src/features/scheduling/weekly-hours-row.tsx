import type { ScheduleRuleKind } from '@carebase/contracts';
import { ActionIcon, Box, Group, Select, TextInput, Tooltip } from '@mantine/core';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoursRow } from './weekly-hours-model.ts';

type TextField = 'startTime' | 'endTime' | 'validFrom' | 'validTo';

interface HoursRowFieldsProps {
  row: HoursRow;
  /** The weekday's name, for the remove button's label. */
  day: string;
  roomOptions: { value: string; label: string }[];
  canWrite: boolean;
  messageFor: (field: keyof HoursRow) => string | undefined;
  onChange: (patch: Partial<HoursRow>) => void;
  onRemove: () => void;
}

/** One work or break time of a weekday: kind, times, room, validity dates and remove. */
export function HoursRowFields({
  row,
  day,
  roomOptions,
  canWrite,
  messageFor,
  onChange,
  onRemove,
}: HoursRowFieldsProps) {
  const { t } = useTranslation();
  // What each text box of the row shares: its value, change, error and whether it can be edited.
  const text = (field: TextField) => ({
    size: 'xs',
    value: row[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => onChange({ [field]: e.currentTarget.value }),
    error: messageFor(field),
    disabled: !canWrite,
  });
  const time = (field: 'startTime' | 'endTime') => ({
    ...text(field),
    w: 90,
    maxLength: 5,
    autoComplete: 'off',
  });
  return (
    <Group align="flex-start" gap="xs" wrap="wrap">
      <Select
        label={t('schedules.hours.kind')}
        size="xs"
        w={110}
        data={[
          { value: 'work', label: t('schedules.hours.work') },
          { value: 'break', label: t('schedules.hours.break') },
        ]}
        value={row.kind}
        onChange={(kind) => kind && onChange({ kind: kind as ScheduleRuleKind })}
        allowDeselect={false}
        disabled={!canWrite}
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput label={t('schedules.hours.start')} placeholder="09:00" {...time('startTime')} />
      <TextInput label={t('schedules.hours.end')} placeholder="17:00" {...time('endTime')} />
      {row.kind === 'work' ? (
        <Select
          label={t('schedules.hours.room')}
          size="xs"
          w={170}
          placeholder={t('schedules.hours.noRoom')}
          data={roomOptions}
          value={row.roomId}
          onChange={(roomId) => onChange({ roomId })}
          error={messageFor('roomId')}
          clearable
          disabled={!canWrite}
          comboboxProps={{ withinPortal: true }}
        />
      ) : (
        // Keeps the date columns of break rows under those of work rows.
        <Box w={170} visibleFrom="sm" aria-hidden="true" />
      )}
      <TextInput label={t('schedules.hours.validFrom')} w={150} type="date" {...text('validFrom')} />
      <TextInput label={t('schedules.hours.validTo')} w={150} type="date" {...text('validTo')} />
      {canWrite ? (
        <Tooltip label={t('schedules.hours.remove')} withArrow>
          <ActionIcon
            variant="subtle"
            color="red"
            mt={22}
            aria-label={t('schedules.hours.removeRow', { day, start: row.startTime, end: row.endTime })}
            onClick={onRemove}
          >
            <span aria-hidden="true">×</span>
          </ActionIcon>
        </Tooltip>
      ) : null}
    </Group>
  );
}

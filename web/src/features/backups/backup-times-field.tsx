import { ActionIcon, Button, Group, Input, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../components/icons.tsx';
import { MAX_BACKUP_TIMES, normalizeTime, suggestedTime } from './backup-schedule-rules.ts';

interface BackupTimesFieldProps {
  times: string[];
  onChange: (times: string[]) => void;
  timeZone: string;
  /** The problem of the time at an index, in words; undefined when it is fine. */
  errorAt: (index: number) => string | undefined;
  /** A problem of the list as a whole (from the server). */
  error?: string;
  disabled: boolean;
}

/** The times of day a backup is taken: one time input each, added and removed; none turns the schedule off. */
export function BackupTimesField({
  times,
  onChange,
  timeZone,
  errorAt,
  error,
  disabled,
}: BackupTimesFieldProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const hintId = useId();
  const full = times.length >= MAX_BACKUP_TIMES;

  const setAt = (index: number, value: string) =>
    onChange(times.map((time, i) => (i === index ? value : time)));
  const removeAt = (index: number) => onChange(times.filter((_, i) => i !== index));

  return (
    <Stack gap={6} role="group" aria-labelledby={labelId} aria-describedby={hintId}>
      <Stack gap={2}>
        <Input.Label id={labelId}>{t('backups.schedule.times')}</Input.Label>
        <Input.Description id={hintId}>
          {t('backups.schedule.timesHint', { timeZone, max: MAX_BACKUP_TIMES })}
        </Input.Description>
      </Stack>
      {times.length === 0 ? (
        <Text size="sm" c="orange.9" fw={500}>
          {t('backups.schedule.off')}
        </Text>
      ) : (
        <Group gap="sm" align="flex-start">
          {times.map((time, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows are the list's places; a time may be edited to any value
            <Group key={index} gap={4} align="flex-start" wrap="nowrap">
              <TextInput
                w={90}
                placeholder="02:00"
                maxLength={5}
                autoComplete="off"
                value={time}
                onChange={(event) => setAt(index, event.currentTarget.value)}
                onBlur={(event) => {
                  const written = normalizeTime(event.currentTarget.value);
                  if (written !== time) setAt(index, written);
                }}
                aria-label={t('backups.schedule.time', { n: index + 1 })}
                error={errorAt(index)}
                disabled={disabled}
                required
              />
              {disabled ? null : (
                <Tooltip label={t('backups.schedule.removeTime', { n: index + 1 })} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('backups.schedule.removeTime', { n: index + 1 })}
                    onClick={() => removeAt(index)}
                  >
                    <span aria-hidden="true">×</span>
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          ))}
        </Group>
      )}
      {error ? <Input.Error role="alert">{error}</Input.Error> : null}
      {disabled ? null : (
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={full}
            onClick={() => onChange([...times, suggestedTime(times)])}
          >
            {full
              ? t('backups.schedule.timesFull', { max: MAX_BACKUP_TIMES })
              : t('backups.schedule.addTime')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

import type { AvailabilitySlot } from '@carebase/contracts';
import { ActionIcon, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { IconChevronRight } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { IconChevronLeft } from './appointment-icons.tsx';
import { useAvailability } from './appointments.queries.ts';
import { addDays, rangeOf } from './calendar-model.ts';

interface SlotPickerProps {
  providerId: string;
  serviceId: string;
  timeZone: string;
  /** The local day shown (YYYY-MM-DD). */
  date: string;
  onDateChange: (date: string) => void;
  selected: string | null;
  onPick: (slot: AvailabilitySlot) => void;
  minDate?: string | undefined;
  maxDate?: string | undefined;
  /** The appointment being moved: its own time is offered too. */
  exceptId?: string | undefined;
}

/** A day of free times from the availability API, as buttons; the day is typed or stepped. */
export function SlotPicker(props: SlotPickerProps) {
  const { t } = useTranslation();
  const {
    providerId,
    serviceId,
    timeZone,
    date,
    onDateChange,
    selected,
    onPick,
    minDate,
    maxDate,
    exceptId,
  } = props;
  const range = rangeOf([date], timeZone);
  const availability = useAvailability(
    range
      ? { provider: providerId, service: serviceId, ...range, ...(exceptId ? { except: exceptId } : {}) }
      : null,
  );
  const listId = useId();
  const slots = availability.data?.slots ?? [];
  const step = (days: number) => onDateChange(addDays(date, days));

  return (
    <Stack gap="sm">
      <Group gap="xs" align="flex-end">
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => step(-1)}
          disabled={minDate !== undefined && date <= minDate}
          aria-label={t('appointments.slots.previousDay')}
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
        <TextInput
          type="date"
          label={t('appointments.slots.date')}
          value={date}
          min={minDate}
          max={maxDate}
          onChange={(e) => e.currentTarget.value && onDateChange(e.currentTarget.value)}
          aria-controls={listId}
        />
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => step(1)}
          disabled={maxDate !== undefined && date >= maxDate}
          aria-label={t('appointments.slots.nextDay')}
        >
          <IconChevronRight size={16} />
        </ActionIcon>
        {availability.isFetching ? <Loader size="xs" mb={8} /> : null}
      </Group>
      {availability.isError ? <QueryError error={availability.error} /> : null}
      <Stack gap={4}>
        <Text size="sm" fw={500} id={`${listId}-label`}>
          {t('appointments.slots.free')}
        </Text>
        <Group gap="xs" id={listId} role="group" aria-labelledby={`${listId}-label`} aria-live="polite">
          {availability.isSuccess && slots.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('appointments.slots.none')}
            </Text>
          ) : null}
          {slots.map((slot) => (
            <Button
              key={slot.startsAt}
              size="xs"
              variant={selected === slot.startsAt ? 'filled' : 'default'}
              aria-pressed={selected === slot.startsAt}
              aria-label={t('appointments.slots.pick', { time: slot.localTime })}
              onClick={() => onPick(slot)}
            >
              {slot.localTime}
            </Button>
          ))}
        </Group>
      </Stack>
    </Stack>
  );
}

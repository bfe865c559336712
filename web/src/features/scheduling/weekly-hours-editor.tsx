import type { WeeklySchedule } from '@carebase/contracts';
import { Alert, Button, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useRooms, useSaveWeeklySchedule } from './scheduling.queries.ts';
import {
  copyWeekday,
  type HoursRow,
  hoursProblems,
  newRow,
  type RowProblemCode,
  rowsFromRules,
  rulesFromRows,
  WEEKDAY_ORDER,
} from './weekly-hours-model.ts';
import { HoursRowFields } from './weekly-hours-row.tsx';

const PROBLEM_KEYS: Record<RowProblemCode, `schedules.hours.problems.${RowProblemCode}`> = {
  time_format: 'schedules.hours.problems.time_format',
  end_time_format: 'schedules.hours.problems.end_time_format',
  end_before_start: 'schedules.hours.problems.end_before_start',
  valid_to_before_from: 'schedules.hours.problems.valid_to_before_from',
  work_overlap: 'schedules.hours.problems.work_overlap',
  break_outside_work: 'schedules.hours.problems.break_outside_work',
};

const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

/** The weekday's name in the user's language (4 January 2026 was a Sunday). */
function weekdayName(weekday: number, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 4 + weekday)),
  );
}

interface Props {
  schedule: WeeklySchedule;
  canWrite: boolean;
}

/** Rows of work and break times per weekday; saving replaces the provider's whole week at once. */
export function WeeklyHoursEditor({ schedule, canWrite }: Props) {
  const serverError = useFieldErrorText();
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const rooms = useRooms();
  const save = useSaveWeeklySchedule();
  const saved = useMemo(() => rowsFromRules(schedule.rules), [schedule.rules]);
  const [rows, setRows] = useState<HoursRow[]>(saved);
  const [checked, setChecked] = useState(false);
  const dirty = JSON.stringify(rulesFromRows(rows)) !== JSON.stringify(rulesFromRows(saved));

  // Someone else saved this week: show it, unless there are edits here that would be lost.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new saved week resets the rows
  useEffect(() => {
    if (!dirty) setRows(saved);
  }, [saved]);

  const problems = checked ? hoursProblems(rows) : {};
  const change = (next: HoursRow[]) => {
    setRows(next);
    save.reset();
  };
  const update = (key: string, patch: Partial<HoursRow>) =>
    change(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const messageFor = (index: number, field: keyof HoursRow): string | undefined => {
    const code = problems[`rules.${index}.${field}`];
    return code ? t(PROBLEM_KEYS[code]) : serverError(save.error, `rules.${index}.${field}`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(hoursProblems(rows)).length > 0) return;
    save.mutate(
      { providerId: schedule.providerId, body: { rules: rulesFromRows(rows) } },
      {
        onSuccess: (next) => {
          setRows(rowsFromRules(next.rules));
          setChecked(false);
          notify.success(t('schedules.hours.saved'));
        },
      },
    );
  };

  const roomOptions = (rooms.data ?? [])
    .filter((r) => r.active || rows.some((row) => row.roomId === r.id))
    .map((r) => ({ value: r.id, label: r.name }));
  const hasProblems = Object.keys(problems).length > 0;
  const serverFieldErrors = save.error !== null && rows.some((_, i) => serverError(save.error, `rules.${i}`));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {hasProblems ? (
          <Alert color="red" variant="light" role="alert">
            {t('schedules.hours.fixProblems')}
          </Alert>
        ) : null}
        {serverFieldErrors ? null : <FormError error={save.error} />}
        {WEEKDAY_ORDER.map((weekday) => {
          const day = weekdayName(weekday, i18n.language);
          const dayRows = rows
            .map((row, index) => ({ row, index }))
            .filter(({ row }) => row.weekday === weekday);
          return (
            <Paper key={weekday} withBorder p="sm" radius="md" component="section" aria-label={day}>
              <Group justify="space-between" mb={dayRows.length ? 'xs' : 0}>
                <Title order={3} fz="md">
                  {day}
                </Title>
                {canWrite ? (
                  <Group gap="xs">
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => change([...rows, newRow(rows, weekday, 'work')])}
                    >
                      {t('schedules.hours.addWork')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      disabled={!dayRows.some(({ row }) => row.kind === 'work')}
                      onClick={() => change([...rows, newRow(rows, weekday, 'break')])}
                    >
                      {t('schedules.hours.addBreak')}
                    </Button>
                    <Menu withinPortal position="bottom-end">
                      <Menu.Target>
                        <Button size="xs" variant="subtle" disabled={dayRows.length === 0}>
                          {t('schedules.hours.copy')}
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Label>{t('schedules.hours.copyLabel', { day })}</Menu.Label>
                        <Menu.Item onClick={() => change(copyWeekday(rows, weekday, MONDAY_TO_FRIDAY))}>
                          {t('schedules.hours.copyWeekdays')}
                        </Menu.Item>
                        <Menu.Item onClick={() => change(copyWeekday(rows, weekday, EVERY_DAY))}>
                          {t('schedules.hours.copyEveryDay')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                ) : null}
              </Group>
              {dayRows.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('schedules.hours.dayOff')}
                </Text>
              ) : (
                <Stack gap="xs">
                  {dayRows.map(({ row, index }) => (
                    <HoursRowFields
                      key={row.key}
                      row={row}
                      day={day}
                      roomOptions={roomOptions}
                      canWrite={canWrite}
                      messageFor={(field) => messageFor(index, field)}
                      onChange={(patch) => update(row.key, patch)}
                      onRemove={() => change(rows.filter((r) => r.key !== row.key))}
                    />
                  ))}
                </Stack>
              )}
            </Paper>
          );
        })}
        {canWrite ? (
          <Group justify="flex-end">
            <Button
              variant="default"
              disabled={!dirty}
              onClick={() => {
                change(saved);
                setChecked(false);
              }}
            >
              {t('common.discard')}
            </Button>
            <Button type="submit" disabled={!dirty} loading={save.isPending}>
              {t('schedules.hours.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

import type { SystemSettingsResponse } from '@carebase/contracts';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { IconLock } from '../../components/icons.tsx';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useFieldErrorsText, useNotify } from '../../components/use-error-message.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useClock } from '../queue/use-clock.ts';
import { useSystemSettings, useUpdateSystemSettings } from '../settings/settings.queries.ts';
import { BackupRetentionFields } from './backup-retention-fields.tsx';
import {
  type BackupSettings,
  backupsPatch,
  nextScheduledBackup,
  retentionProblems,
  type TimeProblem,
  timeProblems,
} from './backup-schedule-rules.ts';
import { BackupTimesField } from './backup-times-field.tsx';

const TIME_PROBLEM_KEYS = {
  required: 'validation.required',
  time: 'backups.schedule.timeFormat',
  duplicate: 'backups.schedule.duplicate',
} as const satisfies Record<TimeProblem, string>;

/** When the saved schedule takes the next backup, or that it takes none. */
function NextBackup({ times, timeZone }: { times: string[]; timeZone: string }) {
  const { t } = useTranslation();
  const now = useClock(30_000);
  const next = nextScheduledBackup(times, timeZone, new Date(now));
  if (!next)
    return (
      <Badge color="orange" variant="light">
        {t('backups.schedule.offBadge')}
      </Badge>
    );
  return (
    <Text size="sm" c="dimmed">
      {t('backups.schedule.next')}{' '}
      <DateTimeText value={next} fw={600} c="var(--mantine-color-text)" className="nowrap" />
    </Text>
  );
}

function ScheduleForm({ data, canWrite }: { data: SystemSettingsResponse; canWrite: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useUpdateSystemSettings();
  const [baseline, setBaseline] = useState<BackupSettings>(data.backups);
  const [draft, setDraft] = useState<BackupSettings>(data.backups);
  const [checked, setChecked] = useState(false);
  const serverErrors = useFieldErrorsText(save.error);
  const patch = backupsPatch(baseline, draft);

  // Someone else saved the schedule (the event refetches it): show theirs unless there are edits here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only fresh server data resets the form
  useEffect(() => {
    if (patch) return;
    setBaseline(data.backups);
    setDraft(data.backups);
  }, [data.backups]);

  const change = (next: BackupSettings) => {
    setDraft(next);
    save.reset();
  };
  const times = checked ? timeProblems(draft.times) : {};
  const badNumbers = checked ? retentionProblems(draft.retention) : [];
  const timeError = (index: number) => {
    const problem = times[index];
    return problem ? t(TIME_PROBLEM_KEYS[problem]) : serverErrors[`backups.times.${index}`];
  };
  const hasFieldErrors = Object.keys(serverErrors).some((path) => path.startsWith('backups.'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const invalid =
      Object.keys(timeProblems(draft.times)).length > 0 || retentionProblems(draft.retention).length > 0;
    if (invalid || !patch) return;
    save.mutate(
      { backups: patch },
      {
        onSuccess: (next) => {
          setBaseline(next.backups);
          setDraft(next.backups);
          setChecked(false);
          notify.success(t('backups.schedule.saved'));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {canWrite ? null : (
          <Alert color="gray" variant="light" icon={<IconLock />}>
            {t('backups.schedule.readOnly')}
          </Alert>
        )}
        {hasFieldErrors ? null : <FormError error={save.error} />}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <BackupTimesField
            times={draft.times}
            onChange={(next) => change({ ...draft, times: next })}
            timeZone={data.timeZone}
            errorAt={timeError}
            error={serverErrors['backups.times']}
            disabled={!canWrite}
          />
          <BackupRetentionFields
            value={draft.retention}
            onChange={(next) => change({ ...draft, retention: next })}
            errorOf={(field) =>
              badNumbers.includes(field)
                ? t('validation.number')
                : (serverErrors[`backups.retention.${field}`] ?? serverErrors['backups.retention'])
            }
            disabled={!canWrite}
          />
        </SimpleGrid>
        {canWrite ? (
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              disabled={!patch || save.isPending}
              onClick={() => {
                change(baseline);
                setChecked(false);
              }}
            >
              {t('common.discard')}
            </Button>
            <Button type="submit" disabled={!patch} loading={save.isPending}>
              {t('backups.schedule.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

function ScheduleSection({ canWrite }: { canWrite: boolean }) {
  const settings = useSystemSettings();
  let body: ReactNode;
  if (settings.isPending) body = <FormSkeleton fields={2} />;
  else if (settings.isError)
    body = <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  else body = <ScheduleForm data={settings.data} canWrite={canWrite} />;
  return (
    <ScheduleFrame
      next={
        settings.data ? (
          <NextBackup times={settings.data.backups.times} timeZone={settings.data.timeZone} />
        ) : null
      }
    >
      {body}
    </ScheduleFrame>
  );
}

function ScheduleFrame({ next, children }: { next: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" mb="lg" component="section" aria-labelledby="backup-schedule-title">
      <Group justify="space-between" align="flex-start" gap="xs" mb="md">
        <Stack gap={2} maw={640}>
          <Title order={2} size="h4" id="backup-schedule-title">
            {t('backups.schedule.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('backups.schedule.description')}
          </Text>
        </Stack>
        {next}
      </Group>
      {children}
    </Paper>
  );
}

/**
 * The backup schedule (times of day, clinic time) and retention, from the clinic settings: shown to those who
 * may read the settings, editable by those who may change them.
 */
export function BackupScheduleCard() {
  const me = useCurrentUser();
  if (!hasPermission(me, 'settings:read')) return null;
  return <ScheduleSection canWrite={hasPermission(me, 'settings:write')} />;
}

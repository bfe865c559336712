import { Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { IconClock } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useProviders, useWeeklySchedule } from './scheduling.queries.ts';
import { WeeklyHoursEditor } from './weekly-hours-editor.tsx';

/** Pick a provider, then see or edit their week. The provider stays in the address (`?provider=`). */
export function WeeklyHoursTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const providers = useProviders();
  const [params, setParams] = useSearchParams();
  const providerId = params.get('provider');
  const known = providers.data?.some((p) => p.id === providerId) ? providerId : null;
  const schedule = useWeeklySchedule(known);

  const pick = (id: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('provider', id);
        else next.delete('provider');
        return next;
      },
      { replace: true },
    );

  if (providers.isError)
    return <QueryError error={providers.error} onRetry={() => void providers.refetch()} />;

  return (
    <Stack>
      <Select
        label={t('schedules.hours.provider')}
        placeholder={t('schedules.hours.providerPlaceholder')}
        data={(providers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={known}
        onChange={pick}
        searchable
        nothingFoundMessage={t('schedules.hours.noProviders')}
        maw={420}
        comboboxProps={{ withinPortal: true }}
      />
      {known === null ? (
        <Empty
          icon={<IconClock size={28} />}
          title={t('schedules.hours.pickProvider')}
          description={providers.data?.length === 0 ? t('schedules.hours.noProviders') : undefined}
        />
      ) : schedule.isPending ? (
        <FormSkeleton fields={6} />
      ) : schedule.isError ? (
        <QueryError error={schedule.error} onRetry={() => void schedule.refetch()} />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('schedules.hours.timeZoneHint', { timeZone: schedule.data.timeZone })}
          </Text>
          <WeeklyHoursEditor key={known} schedule={schedule.data} canWrite={canWrite} />
        </>
      )}
    </Stack>
  );
}

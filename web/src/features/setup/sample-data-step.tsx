import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { SampleDataCountList } from './sample-data-counts.tsx';
import { useLoadSampleData, useRemoveSampleData, useSampleData } from './setup.queries.ts';

const ITEMS = ['providers', 'rooms', 'patients', 'appointments', 'visits'] as const;

/** The guide's last, optional step: load a marked demo clinic, or remove it again in one action. */
export function SampleDataStep({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const status = useSampleData();
  const load = useLoadSampleData();
  const remove = useRemoveSampleData();
  const [confirming, setConfirming] = useState(false);

  if (status.isError) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data) return <FormSkeleton fields={3} />;
  const { loaded, counts } = status.data;

  const onLoad = () =>
    load.mutate(undefined, {
      onSuccess: () => notify.success(t('setup.sample.loadedToast')),
      onError: notify.error,
    });
  const onRemove = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        notify.success(t('setup.sample.removedToast'));
      },
      onError: notify.error,
    });

  return (
    <Stack>
      {loaded ? (
        <Alert color="orange" title={t('setup.sample.isLoaded')}>
          <Stack gap="xs">
            <Text size="sm">{t('setup.sample.holds')}</Text>
            <SampleDataCountList counts={counts} />
          </Stack>
        </Alert>
      ) : (
        <Stack gap="xs">
          <Text size="sm">{t('setup.sample.intro')}</Text>
          <List size="sm" spacing={4}>
            {ITEMS.map((item) => (
              <List.Item key={item}>{t(`setup.sample.items.${item}`)}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      <Text size="sm">{t('setup.sample.marked')}</Text>
      <Text size="sm" c="dimmed">
        {t('setup.sample.removable')}
      </Text>
      {canWrite ? (
        <Group>
          {loaded ? (
            <Button color="red" variant="light" onClick={() => setConfirming(true)}>
              {t('setup.sample.remove')}
            </Button>
          ) : (
            <Button onClick={onLoad} loading={load.isPending}>
              {t('setup.sample.load')}
            </Button>
          )}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('setup.sample.noPermission')}
        </Text>
      )}
      <ConfirmModal
        opened={confirming}
        title={t('setup.sample.confirmTitle')}
        message={
          <Stack gap="xs">
            <Text size="sm">{t('setup.sample.confirmIntro')}</Text>
            <SampleDataCountList counts={counts} />
            <Text size="sm">{t('setup.sample.confirmTail')}</Text>
          </Stack>
        }
        confirmLabel={t('setup.sample.remove')}
        danger
        loading={remove.isPending}
        onConfirm={onRemove}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}

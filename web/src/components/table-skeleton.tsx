import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A placeholder while a table or list loads. */
export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true" aria-label={t('common.loading')}>
      <Skeleton height={36} />
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders with no identity
        <Skeleton key={index} height={28} opacity={1 - index * 0.1} />
      ))}
    </Stack>
  );
}

/** A placeholder while a form loads. */
export function FormSkeleton({ fields = 4 }: { fields?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true" aria-label={t('common.loading')}>
      {Array.from({ length: fields }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders with no identity
        <Stack key={index} gap={6}>
          <Skeleton height={12} width="30%" />
          <Skeleton height={36} />
        </Stack>
      ))}
    </Stack>
  );
}

import { Group, Pagination, Select, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export const PAGE_SIZES = [10, 25, 50, 100] as const;

interface ListFooterProps {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

/** Range, page size and pages under a paginated table. */
export function ListFooter({ total, page, pageSize, onPage, onPageSize }: ListFooterProps) {
  const { t, i18n } = useTranslation();
  const sizeId = useId();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const number = new Intl.NumberFormat(i18n.language);
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" gap="md" wrap="wrap">
      <Group gap="md">
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('table.range', {
            from: number.format(from),
            to: number.format(to),
            total: number.format(total),
          })}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c="dimmed" component="label" htmlFor={sizeId}>
            {t('table.pageSize')}
          </Text>
          <Select
            id={sizeId}
            size="xs"
            w={80}
            data={PAGE_SIZES.map((size) => String(size))}
            value={String(pageSize)}
            onChange={(value) => value && onPageSize(Number(value))}
            allowDeselect={false}
            withCheckIcon={false}
          />
        </Group>
      </Group>
      <Pagination
        total={pages}
        value={Math.min(page, pages)}
        onChange={onPage}
        size="sm"
        aria-label={t('table.pagination')}
        getControlProps={(control) => ({ 'aria-label': t(`table.${control}`) })}
        getItemProps={(page) => ({ 'aria-label': t('table.page', { page }) })}
        hideWithOnePage
      />
    </Group>
  );
}

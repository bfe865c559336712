import { Group, Pagination, Select, Text } from '@mantine/core';
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
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const number = new Intl.NumberFormat(i18n.language);
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" gap="md" wrap="wrap">
      <Group gap="md">
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('table.range', { from: number.format(from), to: number.format(to), total: number.format(total) })}
        </Text>
        <Select
          size="xs"
          w={90}
          label={t('table.pageSize')}
          styles={{ root: { display: 'flex', alignItems: 'center', gap: 8 }, label: { whiteSpace: 'nowrap' } }}
          data={PAGE_SIZES.map((size) => String(size))}
          value={String(pageSize)}
          onChange={(value) => value && onPageSize(Number(value))}
          allowDeselect={false}
          comboboxProps={{ width: 90, position: 'bottom-start' }}
        />
      </Group>
      <Pagination
        total={pages}
        value={Math.min(page, pages)}
        onChange={onPage}
        size="sm"
        aria-label={t('table.pagination')}
        hideWithOnePage
      />
    </Group>
  );
}

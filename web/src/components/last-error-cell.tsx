import { Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A table cell with the last error of a job or message: cut to the cell, whole on hover or focus. */
export function LastErrorCell({ error, width = 280 }: { error: string | null; width?: number }) {
  const { t } = useTranslation();
  return (
    <Table.Td maw={width}>
      {error ? (
        <Tooltip label={error} multiline w={width + 80} withArrow>
          <Text size="sm" c="red" truncate="end" tabIndex={0}>
            {error}
          </Text>
        </Tooltip>
      ) : (
        <Text size="sm" c="dimmed">
          {t('common.emptyValue')}
        </Text>
      )}
    </Table.Td>
  );
}

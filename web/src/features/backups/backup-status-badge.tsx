import type { Backup } from '@carebase/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOR: Record<Backup['status'], string> = { running: 'blue', verified: 'teal', failed: 'red' };

/** A backup's status as a coloured word. */
export function BackupStatusBadge({ status }: { status: Backup['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light" style={{ flexShrink: 0 }}>
      {t(`backups.statuses.${status}`)}
    </Badge>
  );
}

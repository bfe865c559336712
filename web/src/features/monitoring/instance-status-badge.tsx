import type { Instance } from '@carebase/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<Instance['status'], string> = { up: 'teal', stopped: 'gray', gone: 'red' };

export function InstanceStatusBadge({ status }: { status: Instance['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant={status === 'up' ? 'light' : 'filled'}>
      {t(`monitoring.instances.statuses.${status}`)}
    </Badge>
  );
}

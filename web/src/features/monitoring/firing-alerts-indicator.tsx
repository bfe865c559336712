import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useAlerts } from './monitoring.queries.ts';
import { IconBell } from './monitoring-icon.tsx';

/** In the header, for those who may see monitoring: how many alerts fire now (alert.changed keeps it live). */
export function FiringAlertsIndicator() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const allowed = hasPermission(me, 'metrics:read');
  const firing = useAlerts({ status: 'firing', pageSize: 1 }, { enabled: allowed });
  const count = firing.data?.total ?? 0;
  if (!allowed || count === 0) return null;
  return (
    <Button
      component={Link}
      to="/monitoring?tab=alerts"
      size="compact-sm"
      color="red"
      variant="light"
      leftSection={<IconBell size={16} />}
      aria-label={t('monitoring.indicator', { count })}
    >
      {count > 99 ? '99+' : count}
    </Button>
  );
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useInboxCount } from './certificates.queries.ts';

/** The live number of certificates waiting for a doctor, beside the "Certificates to approve" item. */
export function InboxCountBadge() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const count = useInboxCount(hasPermission(me, 'certificates:approve'));
  const value = count.data?.count ?? 0;
  if (value === 0) return null;
  return (
    <Badge
      size="sm"
      color="red"
      variant="filled"
      circle={value < 10}
      aria-label={t('inbox.badge', { count: value })}
    >
      {value > 99 ? '99+' : value}
    </Badge>
  );
}

import type { AppointmentStatus } from '@carebase/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** One colour per status, used by badges and calendar blocks alike. */
export const STATUS_COLORS: Record<AppointmentStatus, string> = {
  booked: 'blue',
  checked_in: 'teal',
  in_consultation: 'violet',
  completed: 'gray',
  cancelled: 'red',
  no_show: 'orange',
};

export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`appointments.status.${status}`)}
    </Badge>
  );
}

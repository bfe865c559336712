import { useMemo } from 'react';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { clinicDayRange } from './clinic-day.ts';
import { TodaysAppointments } from './todays-appointments.tsx';

/** Home for the front desk and nurses: the day's appointments with their status, and Check in where allowed. */
export function FrontDeskDayCard() {
  const me = useCurrentUser();
  const timeZone = useFormatters().context.timeZone;
  const range = useMemo(() => clinicDayRange(timeZone), [timeZone]);
  return (
    <TodaysAppointments
      from={range?.from ?? null}
      to={range?.to ?? null}
      canCheckIn={hasPermission(me, 'queue:write')}
    />
  );
}

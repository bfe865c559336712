import { Icon, type IconProps } from '../../components/icons.tsx';

/** A calendar page with appointment blocks. */
export const IconAppointments = (p: IconProps) => (
  <Icon {...p}>
    <rect x="4" y="5" width="16" height="15" rx="2" />
    <path d="M9 3v4" />
    <path d="M15 3v4" />
    <path d="M8 11h4" />
    <path d="M8 15h8" />
  </Icon>
);

/** A calendar page with a tick: the patient's own bookings. */
export const IconMyAppointments = (p: IconProps) => (
  <Icon {...p}>
    <rect x="4" y="5" width="16" height="15" rx="2" />
    <path d="M9 3v4" />
    <path d="M15 3v4" />
    <path d="M9 13.5l2 2 4-4" />
  </Icon>
);

export const IconChevronLeft = (p: IconProps) => (
  <Icon {...p}>
    <path d="M15 6l-6 6 6 6" />
  </Icon>
);

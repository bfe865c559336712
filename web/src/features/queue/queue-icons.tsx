import { Icon, type IconProps } from '../../components/icons.tsx';

/** A ticket with a number line, for the front desk (decorative: the link carries the label). */
export const IconTicket = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 7a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-2a2 2 0 0 0 0-4z" />
    <path d="M9 9h6M9 13h4" />
  </Icon>
);

/** A stethoscope, for the doctor's queue. */
export const IconStethoscope = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 3v5a4 4 0 0 0 8 0V3" />
    <path d="M10 12v3a5 5 0 0 0 10 0v-2" />
    <circle cx="20" cy="11" r="2" />
  </Icon>
);

/** A screen on a stand, for the waiting-room displays. */
export const IconScreen = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="4" width="18" height="12" rx="2" />
    <path d="M12 16v4M8 20h8" />
  </Icon>
);

import { Icon, type IconProps } from '../../components/icons.tsx';

/** A heartbeat line on a screen, for the navigation (decorative: the link carries the label). */
export const IconMonitoring = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="4" width="18" height="13" rx="2" />
    <path d="M6.5 11h2.5l1.5-3 2.5 6 1.5-3h3" />
    <path d="M9 21h6M12 17v4" />
  </Icon>
);

/** A bell, for the firing alerts in the header. */
export const IconBell = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
    <path d="M10 20.5a2 2 0 0 0 4 0" />
  </Icon>
);

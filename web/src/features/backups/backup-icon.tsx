import { Icon, type IconProps } from '../../components/icons.tsx';

/** A database cylinder with a circular arrow, for the navigation (decorative: the link carries the label). */
export const IconBackup = (p: IconProps) => (
  <Icon {...p}>
    <ellipse cx="10" cy="5.5" rx="6.5" ry="2.5" />
    <path d="M3.5 5.5v12c0 1.4 2.9 2.5 6.5 2.5" />
    <path d="M16.5 5.5V10" />
    <path d="M3.5 11.5c0 1.4 2.9 2.5 6.5 2.5" />
    <path d="M20.5 17a3.5 3.5 0 1 1-1-2.5" />
    <path d="M20.5 13.5v2h-2" />
  </Icon>
);

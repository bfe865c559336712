import { Icon, type IconProps } from '../../components/icons.tsx';

/** A certificate with a seal, for the navigation (decorative: the link carries the label). */
export const IconCertificate = (p: IconProps) => (
  <Icon {...p}>
    <path d="M14 20H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v5" />
    <path d="M8 8h8M8 12h5" />
    <circle cx="17.5" cy="15.5" r="3" />
    <path d="M16 18.2V22l1.5-1 1.5 1v-3.8" />
  </Icon>
);

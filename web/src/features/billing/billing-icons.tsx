import { Icon, type IconProps } from '../../components/icons.tsx';

/** A receipt with a torn bottom edge: prices and billing. */
export const IconReceipt = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 3h12v18l-3-2-3 2-3-2-3 2z" />
    <path d="M9 8h6" />
    <path d="M9 12h6" />
    <path d="M9 16h3" />
  </Icon>
);

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

/** A price tag with a percent sign: discounts. */
export const IconDiscount = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 12V4a1 1 0 0 1 1-1h8l9 9-9 9z" />
    <path d="M9 15l5-5" />
    <circle cx="9.5" cy="10.5" r="0.5" />
    <circle cx="13.5" cy="14.5" r="0.5" />
  </Icon>
);

/** A banknote: the cashier's till, taking payments. */
export const IconCashier = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="6" width="18" height="12" rx="2" />
    <circle cx="12" cy="12" r="2.5" />
    <path d="M6 9v.01" />
    <path d="M18 15v.01" />
  </Icon>
);

/** A cash drawer open under a till: the cashier's drawer. */
export const IconCashDrawer = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 10h16v9H4z" />
    <path d="M6 10V5h12v5" />
    <path d="M10 14h4" />
  </Icon>
);

/** A banknote: money paid out to doctors. */
export const IconPayout = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="6" width="18" height="12" rx="2" />
    <circle cx="12" cy="12" r="2.5" />
    <path d="M6 9v.01" />
    <path d="M18 15v.01" />
  </Icon>
);

/** Bars rising on an axis: revenue reports. */
export const IconReportChart = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 4v16h16" />
    <path d="M8 16v-4" />
    <path d="M12 16V8" />
    <path d="M16 16v-6" />
  </Icon>
);

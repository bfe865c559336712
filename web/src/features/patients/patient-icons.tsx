import { Icon, type IconProps } from '../../components/icons.tsx';

/** A folder with a medical cross: the patients list. Decorative, like the other navigation icons. */
export const IconPatients = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
    <path d="M12 10.5v5M9.5 13h5" />
  </Icon>
);

/** A printer: links that open a printable PDF. */
export const IconPrinter = (p: IconProps) => (
  <Icon {...p}>
    <path d="M7 9V3h10v6" />
    <rect x="3" y="9" width="18" height="8" rx="2" />
    <path d="M7 14h10v7H7z" />
  </Icon>
);

/** A page with a medical cross: the patient's own record. */
export const IconMyRecord = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 3h9l4 4v13a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z" />
    <path d="M12 10v6M9 13h6" />
  </Icon>
);

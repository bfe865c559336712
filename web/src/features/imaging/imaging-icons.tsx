import { Icon, type IconProps } from '../../components/icons.tsx';

/** A scan on a light box, for the navigation (decorative: the link carries the label). */
export const IconImaging = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="3" width="18" height="18" rx="2" />
    <ellipse cx="12" cy="11" rx="4.5" ry="5" />
    <path d="M12 6v10M9 9.5h6M9.5 12.5h5" />
    <path d="M8 21v-2.5h8V21" />
  </Icon>
);

/** An arrow into a tray, for uploads. */
export const IconUpload = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 15V4" />
    <path d="M7.5 8.5L12 4l4.5 4.5" />
    <path d="M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4" />
  </Icon>
);

/** A folder, for choosing a whole folder of files. */
export const IconFolder = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
  </Icon>
);

/** A link between two rings, for linking a study to a patient. */
export const IconLink = (p: IconProps) => (
  <Icon {...p}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </Icon>
);

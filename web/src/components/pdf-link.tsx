import { Button, type ButtonProps } from '@mantine/core';
import { IconDownload } from './icons.tsx';

interface PdfLinkProps extends Pick<ButtonProps, 'variant' | 'size' | 'color' | 'fullWidth'> {
  /** A same-origin URL the API answers with a PDF (sent as an attachment, so the browser downloads it). */
  href: string;
  /** The visible text, which is also the link's accessible name: "Download PDF", "Print chart"… */
  label: string;
}

/**
 * A link to a PDF made by the server (certificate, dental chart, prescription). It is a real link, so it
 * works with the keyboard, middle-click and "save link as"; the session cookie goes with it.
 */
export function PdfLink({ href, label, variant = 'default', size = 'xs', color, fullWidth }: PdfLinkProps) {
  return (
    <Button
      component="a"
      href={href}
      download
      variant={variant}
      size={size}
      color={color}
      fullWidth={fullWidth}
      leftSection={<IconDownload size={16} />}
    >
      {label}
    </Button>
  );
}

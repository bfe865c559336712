import { ATTACHMENT_CONTENT_TYPES, type AttachmentContentType } from '@carebase/contracts';

/** `1536` → `1.5 KB`, `10485760` → `10 MB` (binary multiples, as operating systems show file sizes). */
export function formatBytes(bytes: number, language = 'en'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}

export function isAllowedType(type: string): type is AttachmentContentType {
  return (ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(type);
}

/** The extension the browser may leave without a type (some systems send PDFs as ""): guess from it. */
export function contentTypeOf(file: Pick<File, 'name' | 'type'>): string {
  if (file.type) return file.type;
  const extension = file.name.toLowerCase().split('.').pop();
  if (extension === 'pdf') return 'application/pdf';
  if (extension === 'png') return 'image/png';
  if (extension === 'jpg' || extension === 'jpeg') return 'image/jpeg';
  return '';
}

export type FileProblem = 'type' | 'size' | 'empty' | null;

/**
 * Checked before uploading, with the same rules the server applies; `maxBytes` is the server's limit
 * (`attachmentMaxBytes` of the public settings).
 */
export function fileProblem(file: Pick<File, 'name' | 'type' | 'size'>, maxBytes: number): FileProblem {
  if (!isAllowedType(contentTypeOf(file))) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'size';
  return null;
}

import { LOGO_CONTENT_TYPES, type LogoContentType, MAX_LOGO_BYTES } from '@carebase/contracts';
import { isApiError } from '../../lib/api.ts';

export type LogoProblem = 'type' | 'size' | 'empty';

function isLogoType(type: string): type is LogoContentType {
  return (LOGO_CONTENT_TYPES as readonly string[]).includes(type);
}

/** Checked before uploading, with the limits the server applies. */
export function logoFileProblem(file: Pick<File, 'type' | 'size'>): LogoProblem | null {
  if (!isLogoType(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_LOGO_BYTES) return 'size';
  return null;
}

/** The server's refusal of an upload as one of the problems the browser checks too, when it is one. */
export function logoProblemOf(error: unknown): LogoProblem | null {
  if (!isApiError(error)) return null;
  if (error.code === 'unsupported_media_type') return 'type';
  if (error.code === 'payload_too_large') return 'size';
  if (error.status === 400 && error.errors.some((e) => e.path === 'body')) return 'empty';
  return null;
}

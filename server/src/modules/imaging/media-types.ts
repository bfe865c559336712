import { isNativeSyntax } from './dicom-tags.ts';

/** The media type of a frame's bitstream in each encapsulated transfer syntax (PS3.18 table 8.7.3-5). */
const FRAME_MEDIA_TYPES: Record<string, string> = {
  '1.2.840.10008.1.2.4.50': 'image/jpeg',
  '1.2.840.10008.1.2.4.51': 'image/jpeg',
  '1.2.840.10008.1.2.4.57': 'image/jpeg',
  '1.2.840.10008.1.2.4.70': 'image/jpeg',
  '1.2.840.10008.1.2.4.80': 'image/jls',
  '1.2.840.10008.1.2.4.81': 'image/jls',
  '1.2.840.10008.1.2.4.90': 'image/jp2',
  '1.2.840.10008.1.2.4.91': 'image/jp2',
  '1.2.840.10008.1.2.4.201': 'image/jphc',
  '1.2.840.10008.1.2.4.202': 'image/jphc',
  '1.2.840.10008.1.2.4.203': 'image/jphc',
  '1.2.840.10008.1.2.5': 'image/x-dicom-rle',
  '1.2.840.10008.1.2.4.100': 'video/mpeg',
  '1.2.840.10008.1.2.4.102': 'video/mp4',
};

export function frameMediaType(transferSyntaxUid: string): string {
  return isNativeSyntax(transferSyntaxUid)
    ? 'application/octet-stream'
    : (FRAME_MEDIA_TYPES[transferSyntaxUid] ?? 'application/octet-stream');
}

export type AcceptedRange = { type: string; params: Record<string, string> };

/** The media ranges of an Accept header (quality ignored: the first acceptable one wins). */
export function acceptedRanges(accept: string | undefined): AcceptedRange[] {
  if (!accept?.trim()) return [{ type: '*/*', params: {} }];
  // Commas inside quoted parameters (type="a, b") are rare enough in DICOMweb clients to ignore.
  return accept.split(',').map((range) => {
    const [type = '', ...rest] = range.split(';');
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0)
        params[p.slice(0, eq).trim().toLowerCase()] = p
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, '');
    }
    return { type: type.trim().toLowerCase(), params };
  });
}

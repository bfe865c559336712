/**
 * Addresses of the archive's DICOMweb service (same origin, same session cookie) for the images the imaging
 * pages show. Pure: every UID is encoded as a path segment.
 */
const ROOT = '/dicom-web';

const seg = encodeURIComponent;

function seriesPath(studyUid: string, seriesUid: string): string {
  return `${ROOT}/studies/${seg(studyUid)}/series/${seg(seriesUid)}`;
}

function instancePath(studyUid: string, seriesUid: string, instanceUid: string): string {
  return `${seriesPath(studyUid, seriesUid)}/instances/${seg(instanceUid)}`;
}

/** A small JPEG of a series (its middle image), fitted into size×size. */
export function seriesThumbnailUrl(studyUid: string, seriesUid: string, size = 128): string {
  return `${seriesPath(studyUid, seriesUid)}/thumbnail?viewport=${size},${size}`;
}

/** A small JPEG of a study (its first series' middle image), fitted into size×size. */
export function studyThumbnailUrl(studyUid: string, size = 128): string {
  return `${ROOT}/studies/${seg(studyUid)}/thumbnail?viewport=${size},${size}`;
}

/** One image as a JPEG: the instance's first frame, or frame `frame` (1-based) of a multi-frame instance. */
export function renderedUrl(
  studyUid: string,
  seriesUid: string,
  instanceUid: string,
  frame: number | null,
  size = 512,
): string {
  const base = instancePath(studyUid, seriesUid, instanceUid);
  return `${base}${frame === null ? '' : `/frames/${frame}`}/rendered?viewport=${size},${size}`;
}

/** The DICOM JSON of one instance (bulk data as BulkDataURIs). */
export function instanceMetadataUrl(studyUid: string, seriesUid: string, instanceUid: string): string {
  return `${instancePath(studyUid, seriesUid, instanceUid)}/metadata`;
}

/** QIDO-RS: the instances of a series (their UIDs, numbers and frame counts). */
export function seriesInstancesUrl(studyUid: string, seriesUid: string, limit = 1000): string {
  return `${seriesPath(studyUid, seriesUid)}/instances?limit=${limit}`;
}

/** STOW-RS: where uploads go. */
export const STOW_URL = `${ROOT}/studies`;

/** One element of a DICOM JSON object (PS3.18 F.2). */
export interface DicomJsonElement {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}
export type DicomJson = Record<string, DicomJsonElement>;

export function isDicomJson(value: unknown): value is DicomJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first value of an element as text ('' when absent). */
export function firstString(json: DicomJson, tag: string): string {
  const value = json[tag]?.Value?.[0];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The first value of an element as a number (null when absent or not a number). */
export function firstNumber(json: DicomJson, tag: string): number | null {
  const value = json[tag]?.Value?.[0];
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

/** One picture of a series the preview can show: an instance, and a frame of it when it has several. */
export interface PreviewImage {
  instanceUid: string;
  /** 1-based frame number for multi-frame instances; null for single-frame ones. */
  frame: number | null;
}

const SOP_INSTANCE_UID = '00080018';
const INSTANCE_NUMBER = '00200013';
const NUMBER_OF_FRAMES = '00280008';

/**
 * The pictures of a series from a QIDO-RS instance search, in instance-number order (instances without a
 * number last, in the order given), each frame of a multi-frame instance on its own.
 */
export function previewImagesOf(instances: readonly unknown[]): PreviewImage[] {
  const rows = instances
    .filter(isDicomJson)
    .map((json, index) => ({
      uid: firstString(json, SOP_INSTANCE_UID),
      number: firstNumber(json, INSTANCE_NUMBER),
      frames: Math.max(1, Math.floor(firstNumber(json, NUMBER_OF_FRAMES) ?? 1)),
      index,
    }))
    .filter((row) => row.uid !== '');
  rows.sort((a, b) => {
    if (a.number !== null && b.number !== null && a.number !== b.number) return a.number - b.number;
    if (a.number === null && b.number !== null) return 1;
    if (a.number !== null && b.number === null) return -1;
    return a.index - b.index;
  });
  const images: PreviewImage[] = [];
  for (const row of rows) {
    if (row.frames === 1) images.push({ instanceUid: row.uid, frame: null });
    else for (let f = 1; f <= row.frames; f++) images.push({ instanceUid: row.uid, frame: f });
  }
  return images;
}

/** Where the preview starts: the series' preview instance (its middle frame), else the middle picture. */
export function startIndexOf(images: readonly PreviewImage[], previewInstanceUid: string | null): number {
  if (images.length === 0) return 0;
  if (previewInstanceUid) {
    const frames = images
      .map((image, index) => ({ image, index }))
      .filter(({ image }) => image.instanceUid === previewInstanceUid);
    if (frames.length > 0) return frames[Math.floor((frames.length - 1) / 2)]!.index;
  }
  return Math.floor((images.length - 1) / 2);
}

/** The keys that move through a series, and by how much. */
export function stepOfKey(key: string, count: number, index: number): number | null {
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'PageUp':
      return Math.max(0, index - 10);
    case 'PageDown':
      return Math.min(count - 1, index + 10);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

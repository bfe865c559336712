import { ApiError, CLIENT_ERROR_CODES, errorOf, sendWithProgress } from '../../lib/api.ts';
import { type DicomJson, firstNumber, firstString, isDicomJson, STOW_URL } from './dicomweb.ts';

/** A fresh multipart boundary: long and random, so that it cannot occur inside a DICOM file by chance. */
export function newBoundary(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(16));
  return `carebase-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The Content-Type of a STOW-RS request whose parts are DICOM files. */
export function stowContentType(boundary: string): string {
  return `multipart/related; type="application/dicom"; boundary=${boundary}`;
}

/** A STOW-RS body holding the files given, one application/dicom part each. The files are not read here. */
export function stowBody(files: readonly Blob[], boundary: string): Blob {
  const parts: BlobPart[] = [];
  for (const file of files) {
    parts.push(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, file, '\r\n');
  }
  parts.push(`--${boundary}--\r\n`);
  return new Blob(parts, { type: stowContentType(boundary) });
}

export interface StoredInstance {
  sopInstanceUid: string;
  /** The study it went into, read from its retrieve URL; null when the server gave none. */
  studyUid: string | null;
}

export interface FailedInstance {
  sopInstanceUid: string | null;
  /** The DICOM failure reason code (0xC000 and so on), when given. */
  code: number | null;
  /** The server's reason in words (its private element), when given. */
  reason: string | null;
}

/** What a STOW-RS response says: the instances stored (new or already there) and those refused. */
export interface StowReport {
  status: number;
  stored: StoredInstance[];
  failed: FailedInstance[];
}

const RETRIEVE_URL = '00081190';
const FAILED_SOP_SEQUENCE = '00081198';
const REFERENCED_SOP_SEQUENCE = '00081199';
const SOP_INSTANCE_UID = '00081155';
const FAILURE_REASON = '00081197';
const REASON_TEXT = '00091001';

/** `…/studies/1.2.3/series/…` → `1.2.3`. */
export function studyUidOfUrl(url: string): string | null {
  const match = /\/studies\/([0-9.]+)(?:\/|$)/.exec(url);
  return match?.[1] ?? null;
}

function itemsOf(json: DicomJson, tag: string): DicomJson[] {
  return (json[tag]?.Value ?? []).filter(isDicomJson);
}

/** Reads a STOW-RS response body (DICOM JSON). Anything unreadable counts as nothing stored or refused. */
export function readStowResponse(status: number, body: unknown): StowReport {
  const json = isDicomJson(body) ? body : {};
  const studyOfResponse = studyUidOfUrl(firstString(json, RETRIEVE_URL));
  const stored = itemsOf(json, REFERENCED_SOP_SEQUENCE).map((item) => ({
    sopInstanceUid: firstString(item, SOP_INSTANCE_UID),
    studyUid: studyUidOfUrl(firstString(item, RETRIEVE_URL)) ?? studyOfResponse,
  }));
  const failed = itemsOf(json, FAILED_SOP_SEQUENCE).map((item) => ({
    sopInstanceUid: firstString(item, SOP_INSTANCE_UID) || null,
    code: firstNumber(item, FAILURE_REASON),
    reason: firstString(item, REASON_TEXT) || null,
  }));
  return { status, stored, failed };
}

/** `0xC000`, as DICOM failure codes are usually written. */
export function hexCode(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface SendOptions {
  /** 0..1 as the bytes go out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** STOW-RS answers these with a DICOM JSON report; anything else is an error of the request itself. */
const REPORT_STATUSES = new Set([200, 202, 409]);

/**
 * Sends one file to STOW-RS with XMLHttpRequest (which reports upload progress) and reads the report.
 * The session cookie goes along, and the browser adds the Origin header the server checks on writes.
 * Rejects with an ApiError for refusals of the request itself (no permission, too large, not signed in).
 */
export async function sendToStow(file: Blob, options: SendOptions = {}): Promise<StowReport> {
  const boundary = newBoundary();
  const response = await sendWithProgress({
    method: 'POST',
    url: STOW_URL,
    contentType: stowContentType(boundary),
    accept: 'application/dicom+json, application/problem+json',
    body: stowBody([file], boundary),
    onProgress: options.onProgress,
    signal: options.signal,
  });
  const type = (response.contentType ?? '').toLowerCase();
  if (!REPORT_STATUSES.has(response.status) || !type.includes('dicom+json')) throw errorOf(response);
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.invalidResponse });
  }
  options.onProgress?.(1);
  return readStowResponse(response.status, body);
}

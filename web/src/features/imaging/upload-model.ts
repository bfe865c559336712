import type { FailedInstance, StowReport } from './stow.ts';
import type { SkipReason, UploadCandidate } from './upload-sources.ts';

export type UploadStatus =
  | 'waiting'
  | 'sending'
  /** Every instance in the file stored (or already in the archive: STOW reports both as stored). */
  | 'stored'
  /** Some stored, some refused (a file holds one instance, so this is rare). */
  | 'partial'
  | 'refused'
  /** The request itself failed: no permission, too large, the network. */
  | 'failed'
  | 'skipped'
  | 'cancelled';

export interface UploadItem {
  id: number;
  name: string;
  size: number;
  status: UploadStatus;
  /** 0..1 of the bytes sent. */
  progress: number;
  storedCount: number;
  failures: FailedInstance[];
  /** The error of a failed request. */
  error: unknown;
  skip: SkipReason | null;
  studyUids: string[];
}

export function newItem(id: number, candidate: UploadCandidate): UploadItem {
  return {
    id,
    name: candidate.name,
    size: candidate.size,
    status: candidate.skip ? 'skipped' : 'waiting',
    progress: 0,
    storedCount: 0,
    failures: [],
    error: null,
    skip: candidate.skip ?? null,
    studyUids: [],
  };
}

/** The item once the archive answered with a STOW-RS report. */
export function withReport(item: UploadItem, report: StowReport): UploadItem {
  const stored = report.stored.length;
  const refused = report.failed.length;
  const status: UploadStatus =
    refused === 0 ? (stored > 0 ? 'stored' : 'refused') : stored > 0 ? 'partial' : 'refused';
  const studyUids = [...new Set(report.stored.flatMap((s) => (s.studyUid ? [s.studyUid] : [])))];
  return { ...item, status, progress: 1, storedCount: stored, failures: report.failed, studyUids };
}

export function withError(item: UploadItem, error: unknown): UploadItem {
  const cancelled = error instanceof DOMException && error.name === 'AbortError';
  return { ...item, status: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : error };
}

export interface UploadSummary {
  files: number;
  /** Files whose instances were all stored (new, or already there). */
  stored: number;
  /** Files the archive refused, wholly or in part. */
  refused: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** Files still waiting or being sent. */
  pending: number;
  /** The studies that received instances, in the order first seen. */
  studyUids: string[];
  /** 0..1 over the bytes of the files to send that are known so far. */
  progress: number;
}

export function summarise(items: readonly UploadItem[]): UploadSummary {
  const summary: UploadSummary = {
    files: items.length,
    stored: 0,
    refused: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
    pending: 0,
    studyUids: [],
    progress: 0,
  };
  const studies = new Set<string>();
  let total = 0;
  let sent = 0;
  for (const item of items) {
    switch (item.status) {
      case 'stored':
        summary.stored++;
        break;
      case 'partial':
      case 'refused':
        summary.refused++;
        break;
      case 'failed':
        summary.failed++;
        break;
      case 'skipped':
        summary.skipped++;
        break;
      case 'cancelled':
        summary.cancelled++;
        break;
      default:
        summary.pending++;
    }
    for (const uid of item.studyUids) {
      if (!studies.has(uid)) {
        studies.add(uid);
        summary.studyUids.push(uid);
      }
    }
    if (item.status !== 'skipped') {
      // An empty file still counts for something, so that progress moves when it is done.
      const weight = Math.max(1, item.size);
      total += weight;
      sent += weight * (item.status === 'waiting' || item.status === 'sending' ? item.progress : 1);
    }
  }
  summary.progress = total === 0 ? 1 : sent / total;
  return summary;
}

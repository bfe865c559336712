import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { newItem, summarise, withError, withReport } from './upload-model.ts';

describe('upload items', () => {
  it('moves a file to stored, partial or refused from the STOW report', () => {
    const item = newItem(1, { name: 'IM1', size: 100, file: new Blob(['x']) });
    expect(item.status).toBe('waiting');
    const stored = withReport(item, {
      status: 200,
      stored: [{ sopInstanceUid: '1', studyUid: '9.1' }],
      failed: [],
    });
    expect(stored).toMatchObject({ status: 'stored', storedCount: 1, progress: 1, studyUids: ['9.1'] });
    const refusal = { sopInstanceUid: null, code: 0xc000, reason: 'not DICOM' };
    expect(withReport(item, { status: 409, stored: [], failed: [refusal] })).toMatchObject({
      status: 'refused',
      failures: [refusal],
    });
    expect(
      withReport(item, { status: 202, stored: [{ sopInstanceUid: '1', studyUid: null }], failed: [refusal] })
        .status,
    ).toBe('partial');
    expect(withReport(item, { status: 200, stored: [], failed: [] }).status).toBe('refused');
  });

  it('tells a cancelled upload from a failed one', () => {
    const item = newItem(1, { name: 'IM1', size: 1, file: new Blob(['x']) });
    expect(withError(item, new DOMException('stop', 'AbortError')).status).toBe('cancelled');
    const error = new ApiError({ status: 403, code: 'forbidden' });
    expect(withError(item, error)).toMatchObject({ status: 'failed', error });
  });

  it('counts the outcomes, the studies reached and the progress by bytes', () => {
    const a = withReport(newItem(1, { name: 'a', size: 300, file: new Blob() }), {
      status: 200,
      stored: [{ sopInstanceUid: '1', studyUid: 'S1' }],
      failed: [],
    });
    const b = {
      ...newItem(2, { name: 'b', size: 100, file: new Blob() }),
      status: 'sending' as const,
      progress: 0.5,
    };
    const c = newItem(3, { name: 'c.txt', size: 5, skip: 'notDicom' });
    const d = withReport(newItem(4, { name: 'd', size: 100, file: new Blob() }), {
      status: 409,
      stored: [],
      failed: [{ sopInstanceUid: null, code: null, reason: 'x' }],
    });
    const e = withReport(newItem(5, { name: 'e', size: 0, file: new Blob() }), {
      status: 200,
      stored: [
        { sopInstanceUid: '2', studyUid: 'S1' },
        { sopInstanceUid: '3', studyUid: 'S2' },
      ],
      failed: [],
    });
    const summary = summarise([a, b, c, d, e]);
    expect(summary).toMatchObject({
      files: 5,
      stored: 2,
      refused: 1,
      skipped: 1,
      pending: 1,
      failed: 0,
      studyUids: ['S1', 'S2'],
    });
    expect(summary.progress).toBeCloseTo((300 + 50 + 100 + 1) / 501);
    expect(summarise([]).progress).toBe(1);
  });
});

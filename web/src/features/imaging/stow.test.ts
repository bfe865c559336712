import { describe, expect, it } from 'vitest';
import { hexCode, newBoundary, readStowResponse, stowBody, stowContentType, studyUidOfUrl } from './stow.ts';

describe('STOW-RS request', () => {
  it('makes a random boundary and the multipart/related content type', () => {
    const boundary = newBoundary((bytes) => bytes.fill(0xab));
    expect(boundary).toBe(`carebase-${'ab'.repeat(16)}`);
    expect(newBoundary()).not.toBe(newBoundary());
    expect(stowContentType('xyz')).toBe('multipart/related; type="application/dicom"; boundary=xyz');
  });

  it('wraps each file in an application/dicom part and closes the body', async () => {
    const body = stowBody([new Blob(['DICM-one']), new Blob([new Uint8Array([0, 1, 2])])], 'b0');
    const bytes = new Uint8Array(await body.arrayBuffer());
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text).toBe(
      '--b0\r\nContent-Type: application/dicom\r\n\r\nDICM-one\r\n' +
        '--b0\r\nContent-Type: application/dicom\r\n\r\n\u0000\u0001\u0002\r\n' +
        '--b0--\r\n',
    );
    expect(body.type).toBe('multipart/related; type="application/dicom"; boundary=b0');
  });
});

describe('STOW-RS response', () => {
  const base = 'http://clinic/dicom-web/studies';

  it('lists what was stored (with its study) and what was refused, with the reason in words', () => {
    const report = readStowResponse(202, {
      '00081190': { vr: 'UR', Value: [`${base}/1.2.3`] },
      '00081198': {
        vr: 'SQ',
        Value: [
          {
            '00090010': { vr: 'LO', Value: ['CAREBASE'] },
            '00091001': { vr: 'LT', Value: ['not a DICOM file (no DICM prefix)'] },
            '00081197': { vr: 'US', Value: [0xc000] },
          },
          { '00081155': { vr: 'UI', Value: ['9.9'] }, '00081197': { vr: 'US', Value: [0xa700] } },
        ],
      },
      '00081199': {
        vr: 'SQ',
        Value: [
          {
            '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.7'] },
            '00081155': { vr: 'UI', Value: ['1.2.3.4.5'] },
            '00081190': { vr: 'UR', Value: [`${base}/1.2.3/series/1.2.3.4/instances/1.2.3.4.5`] },
          },
          { '00081155': { vr: 'UI', Value: ['1.2.3.4.6'] } },
        ],
      },
    });
    expect(report).toEqual({
      status: 202,
      stored: [
        { sopInstanceUid: '1.2.3.4.5', studyUid: '1.2.3' },
        { sopInstanceUid: '1.2.3.4.6', studyUid: '1.2.3' },
      ],
      failed: [
        { sopInstanceUid: null, code: 0xc000, reason: 'not a DICOM file (no DICM prefix)' },
        { sopInstanceUid: '9.9', code: 0xa700, reason: null },
      ],
    });
  });

  it('reads nothing from a body that is not DICOM JSON', () => {
    expect(readStowResponse(409, null)).toEqual({ status: 409, stored: [], failed: [] });
    expect(readStowResponse(200, [1, 2])).toEqual({ status: 200, stored: [], failed: [] });
    expect(readStowResponse(200, { '00081199': { vr: 'SQ', Value: ['x', null] } }).stored).toEqual([]);
  });

  it('reads the study from retrieve URLs and writes failure codes in hex', () => {
    expect(studyUidOfUrl('http://h/dicom-web/studies/1.2.840/series/3')).toBe('1.2.840');
    expect(studyUidOfUrl('http://h/dicom-web/studies/1.2.840')).toBe('1.2.840');
    expect(studyUidOfUrl('nonsense')).toBeNull();
    expect(hexCode(0xc000)).toBe('0xC000');
    expect(hexCode(0x110)).toBe('0x0110');
  });
});

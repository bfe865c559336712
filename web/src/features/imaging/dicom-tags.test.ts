import { describe, expect, it } from 'vitest';
import { filterTagRows, formatTag, keywordOf, MAX_DEPTH, tagRows } from './dicom-tags.ts';

describe('tagRows', () => {
  it('turns DICOM JSON into rows of tag, keyword, VR and value, in tag order', () => {
    const rows = tagRows({
      '00100020': { vr: 'LO', Value: ['PID-1'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] },
      '00280030': { vr: 'DS', Value: [0.5, 0.5] },
      '00081030': { vr: 'LO' },
      '7FE00010': { vr: 'OW', BulkDataURI: 'http://h/bulk' },
      '00091001': { vr: 'OB', InlineBinary: 'AAEC' },
      '00090010': { vr: 'LO', Value: ['CAREBASE'] },
    });
    expect(rows.map((r) => [r.tag, r.keyword, r.vr, r.kind, r.value])).toEqual([
      ['(0008,1030)', 'StudyDescription', 'LO', 'empty', ''],
      ['(0009,0010)', 'PrivateCreator', 'LO', 'value', 'CAREBASE'],
      ['(0009,1001)', '', 'OB', 'bulk', ''],
      ['(0010,0010)', 'PatientName', 'PN', 'value', 'Doe^Jane'],
      ['(0010,0020)', 'PatientID', 'LO', 'value', 'PID-1'],
      ['(0028,0030)', 'PixelSpacing', 'DS', 'value', '0.5\\0.5'],
      ['(7FE0,0010)', 'PixelData', 'OW', 'bulk', ''],
    ]);
  });

  it('follows a sequence with the rows of each item, one level deeper', () => {
    const rows = tagRows({
      '00081140': {
        vr: 'SQ',
        Value: [{ '00081155': { vr: 'UI', Value: ['1.2'] } }, { '00081155': { vr: 'UI', Value: ['1.3'] } }],
      },
    });
    expect(rows.map((r) => [r.tag, r.kind, r.value, r.depth, r.item])).toEqual([
      ['(0008,1140)', 'sequence', '2', 0, null],
      ['(0008,1155)', 'value', '1.2', 1, 1],
      ['(0008,1155)', 'value', '1.3', 1, 2],
    ]);
  });

  it('stops listing items below the deepest level it shows', () => {
    let json: Record<string, { vr: string; Value?: unknown[] }> = { '00100020': { vr: 'LO', Value: ['x'] } };
    for (let i = 0; i < MAX_DEPTH + 3; i++) json = { '00081140': { vr: 'SQ', Value: [json] } };
    const rows = tagRows(json);
    expect(Math.max(...rows.map((r) => r.depth))).toBe(MAX_DEPTH);
  });

  it('formats tags and names private creators', () => {
    expect(formatTag('0020000d')).toBe('(0020,000D)');
    expect(formatTag('bad')).toBe('bad');
    expect(keywordOf('0020000d')).toBe('StudyInstanceUID');
    expect(keywordOf('00290011')).toBe('PrivateCreator');
    expect(keywordOf('00291011')).toBe('');
  });

  it('filters by tag, keyword or value', () => {
    const rows = tagRows({
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] },
      '00080060': { vr: 'CS', Value: ['CT'] },
    });
    expect(filterTagRows(rows, 'patientname').map((r) => r.tag)).toEqual(['(0010,0010)']);
    expect(filterTagRows(rows, '00080060').map((r) => r.tag)).toEqual(['(0008,0060)']);
    expect(filterTagRows(rows, '0008,0060').map((r) => r.tag)).toEqual(['(0008,0060)']);
    expect(filterTagRows(rows, 'jane').map((r) => r.tag)).toEqual(['(0010,0010)']);
    expect(filterTagRows(rows, '  ')).toHaveLength(2);
  });
});

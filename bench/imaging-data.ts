import { makeDicom } from '../server/src/modules/imaging/imaging-fixtures.ts';

const ROOT = '1.2.826.0.1.3680043.10.1083.';
/** UIDs of one shape, so a copy overwrites the template's in place: ROOT, kind and run, then 8 digits. */
const uid = (kind: 1 | 2 | 3, run: number, n: number) => `${ROOT}${kind}${run}.${10_000_000 + n}`;
/** The template's stand-ins (run 9, number 0), overwritten per copy. */
const MARK = { study: uid(1, 9, 0), series: uid(2, 9, 0), sop: uid(3, 9, 0) };

/** A CT-sized instance (512 × 512, 16-bit: 512 KiB of pixels) whose UIDs are patched per copy. */
export function ctTemplate(rows = 512, columns = 512): Buffer {
  return makeDicom({
    studyUid: MARK.study,
    seriesUid: MARK.series,
    sopInstanceUid: MARK.sop,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    modality: 'CT',
    rows,
    columns,
    patientId: 'BENCH-1',
    patientName: 'Bench^Patient',
  });
}

function overwrite(file: Buffer, mark: string, value: string): void {
  const needle = Buffer.from(mark, 'latin1');
  for (let at = file.indexOf(needle); at >= 0; at = file.indexOf(needle, at + needle.length))
    file.write(value, at, 'latin1');
}

/** Copy n of the template for run `run` (1–8), in study `study` and series `series`: new UIDs, same bytes otherwise. */
export function ctCopy(template: Buffer, run: number, study: number, series: number, n: number): Buffer {
  const file = Buffer.from(template);
  overwrite(file, MARK.study, uid(1, run, study));
  overwrite(file, MARK.series, uid(2, run, series));
  overwrite(file, MARK.sop, uid(3, run, n));
  return file;
}

export const STOW_BOUNDARY = 'carebase-bench-boundary';
export const STOW_TYPE = `multipart/related; type="application/dicom"; boundary=${STOW_BOUNDARY}`;

/** A STOW-RS body of these files. */
export function stowBody(files: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of files)
    parts.push(
      Buffer.from(`--${STOW_BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n`),
      f,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${STOW_BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

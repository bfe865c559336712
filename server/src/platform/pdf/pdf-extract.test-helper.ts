import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The text of a PDF as poppler's pdftotext reads it. Tests that need it fail (never skip) when poppler-utils
 * is missing: CI installs it, and a PDF whose text was never checked must not pass.
 */
export function pdfToText(pdf: Buffer, args: string[] = []): string {
  if (!hasPdftotext()) {
    throw new Error(
      'pdftotext was not found: install poppler-utils (apt-get install -y poppler-utils) to run the PDF text checks.',
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Heights of the words of one page, as pdftotext -bbox measures them: a word's height follows its font size. */
export function wordHeights(pdf: Buffer, page: number): { word: string; height: number }[] {
  const xml = pdfToText(pdf, ['-bbox', '-f', String(page), '-l', String(page)]);
  return [...xml.matchAll(/<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    word: m[3]!,
    height: Number(m[2]) - Number(m[1]),
  }));
}

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
export function pdfToText(pdf: Buffer): string {
  if (!hasPdftotext()) {
    throw new Error(
      'pdftotext was not found: install poppler-utils (apt-get install -y poppler-utils) to run the PDF text checks.',
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

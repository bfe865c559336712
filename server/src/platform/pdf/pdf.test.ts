import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { storedLogoKey } from './letterhead.ts';
import { createPdf } from './pdf-document.ts';
import { pdfToText, wordHeights } from './pdf-extract.test-helper.ts';
import { formatDate, formatMoney, pdfSafe } from './pdf-text.ts';

const SHA = 'a'.repeat(64);
const letterhead = {
  clinicName: 'Clínica Peña',
  address: 'Calle Mayor 1, Madrid',
  phone: '+34 600 000 000',
  email: 'hola@clinica.es',
  timeZone: 'Europe/Madrid',
  currency: 'EUR',
  logo: null,
};

describe('pdfSafe', () => {
  it('keeps Spanish accents and Windows-1252 punctuation', () => {
    expect(pdfSafe('Muñoz, José, Peña — “ñ” €')).toBe('Muñoz, José, Peña — “ñ” €');
  });

  it('drops accents the standard fonts lack, maps stroked letters, and marks the rest', () => {
    // á and ó are Latin-1 and stay; ř and ź lose their accents; Ł has none to lose and maps to L.
    expect(pdfSafe('Dvořák Łódź')).toBe('Dvorák Lódz');
    expect(pdfSafe('名')).toBe('?');
    expect(pdfSafe('a\tb\r\nc\u0000')).toBe('a b\nc?');
  });
});

describe('formatting', () => {
  it('prints dates without shifting the day and money in minor units', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('1 March 2026');
    expect(formatDate('2026-03-01', 'es')).toBe('1 de marzo de 2026');
    expect(formatMoney(123450, 'USD', 'en')).toBe('US$1,234.50');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('JP¥1,500');
  });
});

describe('storedLogoKey', () => {
  it('reads blob keys on this server and never another host', () => {
    expect(storedLogoKey(null, 'https://clinic.example')).toBeNull();
    expect(storedLogoKey(SHA, 'https://clinic.example')).toBe(SHA);
    expect(storedLogoKey(`blob:${SHA}`, 'https://clinic.example')).toBe(SHA);
    expect(storedLogoKey(`/api/files/${SHA}`, 'https://clinic.example')).toBe(SHA);
    expect(storedLogoKey(`https://clinic.example/api/files/${SHA}?v=2`, 'https://clinic.example')).toBe(SHA);
    expect(storedLogoKey(`https://evil.example/${SHA}`, 'https://clinic.example')).toBeNull();
    expect(storedLogoKey(`//evil.example/${SHA}`, 'https://clinic.example')).toBeNull();
    expect(storedLogoKey('/logo.png', 'https://clinic.example')).toBeNull();
  });
});

describe('createPdf', () => {
  it('writes the letterhead, a logo, tables across pages and numbered footers', async () => {
    const logo = await QRCode.toBuffer('logo', { type: 'png', width: 120 });
    const pdf = createPdf({
      title: 'Test',
      letterhead: { ...letterhead, logo },
      lang: 'es',
      generatedAt: new Date('2026-03-01T10:00:00Z'),
    });
    pdf.title('Informe', 'Subtítulo');
    pdf.keyValues([
      { label: 'Nombre', value: 'José Muñoz Peña' },
      { label: 'MRN', value: 'MRN-1' },
    ]);
    pdf.table({
      columns: [
        { header: 'A', width: 1 },
        { header: 'B', width: 2, align: 'right' },
      ],
      rows: Array.from({ length: 80 }, (_, i) => [`fila ${i}`, String(i)]),
      footer: [['Total', '80']],
    });
    const bytes = await pdf.finish();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfToText(bytes);
    expect(text).toContain('Clínica Peña');
    expect(text).toContain('José Muñoz Peña');
    expect(text).toContain('fila 79');
    expect(text).toMatch(/Página 1 de [2-9]/);
    expect(text).toContain('Generado 1 mar 2026, 11:00 (Europe/Madrid)');
  });

  it('carries a long paragraph over to the next page in its own font, not in the running head font', async () => {
    const pdf = createPdf({ title: 'Running head', letterhead, lang: 'en' });
    pdf.title('Note', 'long');
    const words = Array.from({ length: 150 }, (_, i) => `Sentence ${i} of a long clinical note.`).join(' ');
    pdf.paragraph(words);
    const bytes = await pdf.finish();
    const height = (page: number) => wordHeights(bytes, page).find((w) => w.word === 'clinical')?.height;
    expect(height(1)).toBeGreaterThan(9);
    expect(height(2)).toBeCloseTo(height(1) ?? 0, 1);
  });
});

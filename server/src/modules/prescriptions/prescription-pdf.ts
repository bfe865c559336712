import type { PrescriptionPrint } from '@carebase/contracts';
import type { Letterhead } from '../../platform/pdf/letterhead.ts';
import { createPdf, PDF_COLORS } from '../../platform/pdf/pdf-document.ts';
import { formatDate, formatDay, type PdfLanguage, pdfSafe } from '../../platform/pdf/pdf-text.ts';

const WORDS = {
  en: {
    title: 'Prescription',
    patient: 'Patient',
    name: 'Name',
    mrn: 'MRN',
    birthDate: 'Date of birth',
    sex: 'Sex',
    allergies: 'Allergies',
    noAllergies: 'No active allergies recorded.',
    medicines: 'Medicines',
    days: (n: number) => `for ${n} day${n === 1 ? '' : 's'}`,
    quantity: 'Quantity',
    override: 'Prescribed despite an allergy warning',
    prescriber: 'Prescriber',
    licence: 'Licence no.',
    noLicence: 'no licence number on record',
  },
  es: {
    title: 'Receta médica',
    patient: 'Paciente',
    name: 'Nombre',
    mrn: 'N.º de expediente',
    birthDate: 'Fecha de nacimiento',
    sex: 'Sexo',
    allergies: 'Alergias',
    noAllergies: 'Sin alergias activas registradas.',
    medicines: 'Medicamentos',
    days: (n: number) => `durante ${n} día${n === 1 ? '' : 's'}`,
    quantity: 'Cantidad',
    override: 'Prescrito pese a una alerta de alergia',
    prescriber: 'Médico',
    licence: 'Cédula / licencia n.º',
    noLicence: 'sin número de licencia registrado',
  },
} as const;

const SEX: Record<PdfLanguage, Record<string, string>> = {
  en: { female: 'Female', male: 'Male', intersex: 'Intersex', unknown: 'Unknown' },
  es: { female: 'Femenino', male: 'Masculino', intersex: 'Intersexual', unknown: 'Desconocido' },
};

/** The printable prescription: patient, allergies, the drugs written together, and the prescriber. */
export async function renderPrescriptionPdf(opts: {
  print: PrescriptionPrint;
  letterhead: Letterhead;
  lang: PdfLanguage;
}): Promise<Buffer> {
  const { print: rx, letterhead, lang } = opts;
  const w = WORDS[lang];
  const pdf = createPdf({ title: `${w.title} — ${rx.patient.name}`, letterhead, lang });
  const { doc, left, width } = pdf;
  pdf.title(w.title, formatDay(new Date(rx.date), letterhead.timeZone, lang));
  pdf.heading(w.patient);
  pdf.keyValues(
    [
      { label: w.name, value: rx.patient.name },
      { label: w.mrn, value: rx.patient.mrn },
      { label: w.birthDate, value: formatDate(rx.patient.birthDate, lang) },
      { label: w.sex, value: SEX[lang][rx.patient.sex] ?? rx.patient.sex },
    ],
    4,
  );
  pdf.heading(w.allergies);
  if (rx.allergies.length === 0) {
    pdf.paragraph(w.noAllergies, { muted: true, size: 9.5 });
  } else {
    const list = rx.allergies
      .map((a) => `${a.substance} (${a.severity}${a.reaction ? `: ${a.reaction}` : ''})`)
      .join('; ');
    doc.font('Helvetica-Bold').fontSize(10).fillColor('#b02a2a').text(pdfSafe(list), left, doc.y, { width });
    doc.y += 8;
  }

  pdf.heading(w.medicines);
  rx.lines.forEach((line, i) => {
    const name = [line.drug, line.strength, line.form].filter(Boolean).join(' ');
    const how = [line.dose, line.route, line.frequency, line.durationDays ? w.days(line.durationDays) : null]
      .filter(Boolean)
      .join(' · ');
    pdf.ensureSpace(60);
    const top = doc.y;
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor(PDF_COLORS.accent)
      .text(`${i + 1}.`, left, top, { width: 18 });
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor(PDF_COLORS.ink)
      .text(pdfSafe(name), left + 20, top, {
        width: width - 20,
      });
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(pdfSafe(how), left + 20, doc.y + 2, { width: width - 20 });
    if (line.quantity) {
      doc.fillColor(PDF_COLORS.muted).text(`${w.quantity}: ${line.quantity}`, left + 20, doc.y + 2, {
        width: width - 20,
      });
    }
    if (line.instructions) {
      doc
        .font('Helvetica-Oblique')
        .fillColor(PDF_COLORS.ink)
        .text(pdfSafe(line.instructions), left + 20, doc.y + 2, { width: width - 20 });
    }
    if (line.allergyOverrideReason) {
      doc
        .font('Helvetica')
        .fontSize(8.5)
        .fillColor('#b02a2a')
        .text(pdfSafe(`${w.override}: ${line.allergyOverrideReason}`), left + 20, doc.y + 2, {
          width: width - 20,
        });
    }
    doc.y += 12;
  });

  pdf.ensureSpace(90);
  const top = doc.y + 30;
  doc
    .moveTo(left, top)
    .lineTo(left + width / 2 - 30, top)
    .lineWidth(0.8)
    .strokeColor(PDF_COLORS.ink)
    .stroke();
  doc.font('Helvetica').fontSize(7.5).fillColor(PDF_COLORS.muted);
  doc.text(w.prescriber.toUpperCase(), left, top + 6, { characterSpacing: 0.4 });
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(PDF_COLORS.ink)
    .text(pdfSafe(rx.prescriber.name), left, doc.y + 2);
  const licence = rx.prescriber.licenceNumber ? `${w.licence} ${rx.prescriber.licenceNumber}` : w.noLicence;
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .text(pdfSafe(licence), left, doc.y + 2);
  return pdf.finish();
}

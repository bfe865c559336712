import type { KeyValue, PdfBuilder } from '../../platform/pdf/pdf-document.ts';
import { formatDate } from '../../platform/pdf/pdf-text.ts';
import type { RecordData } from './record-data.ts';
import { section, tableOrNone } from './record-pdf-flow.ts';
import { addressLine, formatPhone } from './record-pdf-format.ts';
import { RECORD_WORDS } from './record-pdf-words.ts';

/** Who the patient is and how to reach them and their family; who pays. */
export function drawDemographics(pdf: PdfBuilder, data: RecordData): void {
  const w = RECORD_WORDS[pdf.lang];
  const p = data.patient;
  section(pdf, w.sections.patient);
  const items: KeyValue[] = [
    { label: w.fields.name, value: p.displayName },
    { label: w.fields.preferredName, value: p.preferredName ?? '' },
    { label: w.fields.mrn, value: p.mrn },
    { label: w.fields.birthDate, value: `${formatDate(p.birthDate, pdf.lang)} (${w.fields.age(data.age)})` },
    { label: w.fields.sex, value: w.sexes[p.sex] },
    { label: w.fields.gender, value: p.gender ?? '' },
    { label: w.fields.civilStatus, value: p.civilStatus ? w.civilStatuses[p.civilStatus] : '' },
    { label: w.fields.bloodType, value: p.bloodType === 'unknown' ? w.unknown : (p.bloodType ?? '') },
    ...p.identifiers.map((i) => ({ label: w.identifierTypes[i.type], value: i.value })),
  ];
  pdf.keyValues(items, 3);

  section(pdf, w.sections.contacts);
  pdf.keyValues(
    [
      { label: w.fields.phone, value: formatPhone(p.phone) },
      { label: w.fields.altPhone, value: formatPhone(p.altPhone) },
      { label: w.fields.email, value: p.email ?? '' },
    ],
    3,
  );
  pdf.keyValues([{ label: w.fields.address, value: addressLine(p.address) }], 1);

  section(pdf, w.sections.emergency);
  tableOrNone(
    pdf,
    {
      columns: [
        { header: w.fields.name, width: 3 },
        { header: w.fields.relationship, width: 2 },
        { header: w.fields.phone, width: 2.2 },
        { header: w.fields.email, width: 3 },
      ],
      rows: p.emergencyContacts.map((c) => [c.name, c.relationship, formatPhone(c.phone), c.email ?? '']),
    },
    w.none.emergency,
  );

  if (p.payer) {
    section(pdf, w.sections.payer);
    pdf.keyValues(
      [
        { label: w.fields.payerName, value: p.payer.name },
        { label: w.fields.memberId, value: p.payer.memberId },
        { label: w.fields.groupNumber, value: p.payer.groupNumber ?? '' },
      ],
      3,
    );
  }
}

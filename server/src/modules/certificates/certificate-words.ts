import type { CertificateType } from '@carebase/contracts';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';

type Words = {
  types: Record<CertificateType, string>;
  /** Printed under the patient block: what the doctor certifies. Custom certificates print none. */
  statement: Record<Exclude<CertificateType, 'custom'>, (name: string) => string>;
  leave: (from: string, to: string, days: number) => string;
  number: string;
  issued: string;
  patient: string;
  fullName: string;
  mrn: string;
  birthDate: string;
  findings: string;
  recommendation: string;
  validity: string;
  validFrom: string;
  validTo: string;
  restDays: string;
  days: (n: number) => string;
  approvedBy: string;
  licence: string;
  approvedOn: string;
  verify: string;
  verifyHow: string;
  code: string;
};

export const CERTIFICATE_WORDS: Record<PdfLanguage, Words> = {
  en: {
    types: {
      fit_to_work: 'Medical certificate of fitness to work',
      fit_to_study: 'Medical certificate of fitness to study',
      sick_leave: 'Medical certificate of sick leave',
      medical_clearance: 'Medical clearance certificate',
      custom: 'Medical certificate',
    },
    statement: {
      fit_to_work: (n) =>
        `I certify that I have examined ${n} and that, in my medical opinion, the patient is fit to work.`,
      fit_to_study: (n) =>
        `I certify that I have examined ${n} and that, in my medical opinion, the patient is fit to attend school and take part in studies.`,
      sick_leave: (n) =>
        `I certify that I have examined ${n} and that the patient is not fit to work or study for the period below.`,
      medical_clearance: (n) =>
        `I certify that I have examined ${n} and that the patient is medically cleared, subject to the findings and recommendations below.`,
    },
    leave: (from, to, days) => `Rest from ${from} to ${to} inclusive: ${days} day${days === 1 ? '' : 's'}.`,
    number: 'Certificate no.',
    issued: 'Date of issue',
    patient: 'Patient',
    fullName: 'Full name',
    mrn: 'MRN',
    birthDate: 'Date of birth',
    findings: 'Findings',
    recommendation: 'Recommendation',
    validity: 'Validity',
    validFrom: 'From',
    validTo: 'To',
    restDays: 'Days of rest',
    days: (n) => `${n} day${n === 1 ? '' : 's'}`,
    approvedBy: 'Approving physician',
    licence: 'Licence no.',
    approvedOn: 'Approved on',
    verify: 'Verify this certificate',
    verifyHow: 'Scan the code, or open this address and enter the code below:',
    code: 'Verification code',
  },
  es: {
    types: {
      fit_to_work: 'Certificado médico de aptitud laboral',
      fit_to_study: 'Certificado médico de aptitud para estudiar',
      sick_leave: 'Certificado médico de incapacidad',
      medical_clearance: 'Certificado de autorización médica',
      custom: 'Certificado médico',
    },
    statement: {
      fit_to_work: (n) =>
        `Certifico que he examinado a ${n} y que, a mi juicio médico, se encuentra apto(a) para trabajar.`,
      fit_to_study: (n) =>
        `Certifico que he examinado a ${n} y que, a mi juicio médico, se encuentra apto(a) para asistir a clases y realizar sus estudios.`,
      sick_leave: (n) =>
        `Certifico que he examinado a ${n} y que no se encuentra apto(a) para trabajar o estudiar durante el periodo indicado.`,
      medical_clearance: (n) =>
        `Certifico que he examinado a ${n} y que cuenta con autorización médica, sujeta a los hallazgos y recomendaciones indicados.`,
    },
    leave: (from, to, days) =>
      `Reposo del ${from} al ${to}, ambos inclusive: ${days} día${days === 1 ? '' : 's'}.`,
    number: 'Certificado n.º',
    issued: 'Fecha de emisión',
    patient: 'Paciente',
    fullName: 'Nombre completo',
    mrn: 'N.º de expediente',
    birthDate: 'Fecha de nacimiento',
    findings: 'Hallazgos',
    recommendation: 'Recomendación',
    validity: 'Vigencia',
    validFrom: 'Desde',
    validTo: 'Hasta',
    restDays: 'Días de reposo',
    days: (n) => `${n} día${n === 1 ? '' : 's'}`,
    approvedBy: 'Médico que aprueba',
    licence: 'Cédula / licencia n.º',
    approvedOn: 'Aprobado el',
    verify: 'Verifique este certificado',
    verifyHow: 'Escanee el código, o abra esta dirección e ingrese el código:',
    code: 'Código de verificación',
  },
};

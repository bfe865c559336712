import type {
  ATTACHMENT_KINDS,
  CERTIFICATE_STATUSES,
  CIVIL_STATUSES,
  ENCOUNTER_TYPES,
  IDENTIFIER_TYPES,
  PATIENT_SEXES,
} from '@carebase/contracts';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';

type Of<T extends readonly string[]> = Record<T[number], string>;

type Words = {
  title: string;
  exported: (when: string, timeZone: string) => string;
  portalCopy: string;
  mergedInto: (mrn: string) => string;
  sections: {
    patient: string;
    contacts: string;
    emergency: string;
    payer: string;
    allergies: string;
    conditions: string;
    medications: string;
    vitals: string;
    vitalsHistory: string;
    encounters: (n: number) => string;
    olderEncounters: (n: number) => string;
    otherPrescriptions: string;
    dental: string;
    dentalPlans: string;
    certificates: string;
    attachments: string;
  };
  fields: {
    name: string;
    preferredName: string;
    mrn: string;
    birthDate: string;
    age: (years: number) => string;
    sex: string;
    gender: string;
    civilStatus: string;
    bloodType: string;
    phone: string;
    altPhone: string;
    email: string;
    address: string;
    relationship: string;
    payerName: string;
    memberId: string;
    groupNumber: string;
  };
  columns: {
    substance: string;
    reaction: string;
    severity: string;
    status: string;
    condition: string;
    icd10: string;
    since: string;
    medicine: string;
    directions: string;
    quantity: string;
    started: string;
    prescriber: string;
    date: string;
    type: string;
    provider: string;
    diagnosis: string;
    description: string;
    code: string;
    kind: string;
    procedure: string;
    performed: string;
    number: string;
    validFrom: string;
    validTo: string;
    file: string;
    size: string;
    tooth: string;
    surfaces: string;
    recorded: string;
  };
  vitals: {
    bloodPressure: string;
    heartRate: string;
    respiratoryRate: string;
    temperature: string;
    spo2: string;
    height: string;
    weight: string;
    bmi: string;
    pain: string;
    latestNote: string;
    moreReadings: (n: number) => string;
    short: { bp: string; hr: string; rr: string; temp: string; spo2: string; ht: string; wt: string };
  };
  encounter: {
    provider: string;
    signedBy: (name: string, when: string) => string;
    notSigned: string;
    chiefComplaint: string;
    soap: { subjective: string; objective: string; assessment: string; plan: string };
    diagnoses: string;
    procedures: string;
    prescriptions: string;
    addenda: string;
    addendum: (when: string, author: string) => string;
    reason: string;
    emptyNote: string;
    days: (n: number) => string;
    allergyOverride: string;
  };
  none: {
    allergies: string;
    conditions: string;
    medications: string;
    vitals: string;
    encounters: string;
    certificates: string;
    attachments: string;
    emergency: string;
    findings: string;
  };
  attachmentsNote: string;
  wholeTooth: string;
  sexes: Of<typeof PATIENT_SEXES>;
  civilStatuses: Of<typeof CIVIL_STATUSES>;
  identifierTypes: Of<typeof IDENTIFIER_TYPES>;
  severities: Record<'mild' | 'moderate' | 'severe' | 'unknown', string>;
  allergyStatuses: Record<'active' | 'inactive', string>;
  conditionStatuses: Record<'active' | 'resolved', string>;
  encounterTypes: Of<typeof ENCOUNTER_TYPES>;
  encounterStatuses: Record<'draft' | 'signed', string>;
  diagnosisKinds: Record<'primary' | 'secondary', string>;
  prescriptionStatuses: Record<'active' | 'stopped', string>;
  certificateStatuses: Of<typeof CERTIFICATE_STATUSES>;
  attachmentKinds: Of<typeof ATTACHMENT_KINDS>;
  unknown: string;
};

export const RECORD_WORDS: Record<PdfLanguage, Words> = {
  en: {
    title: 'Patient record',
    exported: (when, tz) => `Exported ${when} (${tz})`,
    portalCopy: 'Patient copy: signed clinical notes only.',
    mergedInto: (mrn) => `This record was merged into ${mrn}; later entries are kept there.`,
    sections: {
      patient: 'Patient',
      contacts: 'Contact and address',
      emergency: 'Emergency contacts',
      payer: 'Insurance / payer',
      allergies: 'Allergies',
      conditions: 'Chronic conditions',
      medications: 'Current medications',
      vitals: 'Vital signs',
      vitalsHistory: 'Vital signs history (newest first)',
      encounters: (n) => `Encounters (${n})`,
      olderEncounters: (n) => `Older encounters (${n}, summary)`,
      otherPrescriptions: 'Other prescriptions',
      dental: 'Dental chart (FDI)',
      dentalPlans: 'Dental treatment plans',
      certificates: 'Medical certificates',
      attachments: 'Attachments',
    },
    fields: {
      name: 'Name',
      preferredName: 'Preferred name',
      mrn: 'MRN',
      birthDate: 'Date of birth',
      age: (y) => `${y} year${y === 1 ? '' : 's'}`,
      sex: 'Sex',
      gender: 'Gender',
      civilStatus: 'Civil status',
      bloodType: 'Blood type',
      phone: 'Phone',
      altPhone: 'Other phone',
      email: 'Email',
      address: 'Address',
      relationship: 'Relationship',
      payerName: 'Payer',
      memberId: 'Member ID',
      groupNumber: 'Group number',
    },
    columns: {
      substance: 'Substance',
      reaction: 'Reaction',
      severity: 'Severity',
      status: 'Status',
      condition: 'Condition',
      icd10: 'ICD-10',
      since: 'Since',
      medicine: 'Medicine',
      directions: 'Directions',
      quantity: 'Qty',
      started: 'Prescribed',
      prescriber: 'Prescriber',
      date: 'Date',
      type: 'Type',
      provider: 'Provider',
      diagnosis: 'Primary diagnosis',
      description: 'Description',
      code: 'Code',
      kind: 'Kind',
      procedure: 'Procedure',
      performed: 'Performed',
      number: 'Number',
      validFrom: 'Valid from',
      validTo: 'Valid to',
      file: 'File',
      size: 'Size',
      tooth: 'Tooth',
      surfaces: 'Surfaces',
      recorded: 'Recorded',
    },
    vitals: {
      bloodPressure: 'Blood pressure',
      heartRate: 'Heart rate',
      respiratoryRate: 'Respiratory rate',
      temperature: 'Temperature',
      spo2: 'SpO2',
      height: 'Height',
      weight: 'Weight',
      bmi: 'BMI',
      pain: 'Pain',
      latestNote: 'Latest recorded value of each measure; the history below gives the dates.',
      moreReadings: (n) => `${n} older reading${n === 1 ? ' is' : 's are'} not shown.`,
      short: {
        bp: 'BP mmHg',
        hr: 'HR bpm',
        rr: 'RR /min',
        temp: 'Temp °C',
        spo2: 'SpO2 %',
        ht: 'Ht cm',
        wt: 'Wt kg',
      },
    },
    encounter: {
      provider: 'Provider',
      signedBy: (name, when) => `Signed by ${name} on ${when}`,
      notSigned: 'Draft: not signed',
      chiefComplaint: 'Chief complaint',
      soap: { subjective: 'Subjective', objective: 'Objective', assessment: 'Assessment', plan: 'Plan' },
      diagnoses: 'Diagnoses',
      procedures: 'Procedures',
      prescriptions: 'Prescriptions',
      addenda: 'Addenda',
      addendum: (when, author) => `Addendum, ${when}, by ${author}`,
      reason: 'Reason',
      emptyNote: 'No clinical note written.',
      days: (n) => `for ${n} day${n === 1 ? '' : 's'}`,
      allergyOverride: 'Prescribed despite an allergy warning',
    },
    none: {
      allergies: 'No allergies recorded.',
      conditions: 'No chronic conditions recorded.',
      medications: 'No active prescriptions.',
      vitals: 'No vital signs recorded.',
      encounters: 'No encounters recorded.',
      certificates: 'No certificates.',
      attachments: 'No files attached.',
      emergency: 'No emergency contact recorded.',
      findings: 'No findings on the chart.',
    },
    attachmentsNote: 'Listed only: the files themselves are kept in the clinic system.',
    wholeTooth: 'whole tooth',
    sexes: { female: 'Female', male: 'Male', intersex: 'Intersex', unknown: 'Unknown' },
    civilStatuses: {
      single: 'Single',
      married: 'Married',
      partner: 'Domestic partner',
      separated: 'Separated',
      divorced: 'Divorced',
      widowed: 'Widowed',
      unknown: 'Unknown',
    },
    identifierTypes: {
      student: 'Student ID',
      employee: 'Employee ID',
      national: 'National ID',
      passport: 'Passport',
      insurance: 'Insurance number',
      other: 'Other ID',
    },
    severities: { mild: 'Mild', moderate: 'Moderate', severe: 'Severe', unknown: 'Unknown' },
    allergyStatuses: { active: 'Active', inactive: 'Inactive' },
    conditionStatuses: { active: 'Active', resolved: 'Resolved' },
    encounterTypes: {
      consultation: 'Consultation',
      'follow-up': 'Follow-up',
      dental: 'Dental visit',
      emergency: 'Emergency',
      teleconsult: 'Teleconsultation',
    },
    encounterStatuses: { draft: 'Draft', signed: 'Signed' },
    diagnosisKinds: { primary: 'Primary', secondary: 'Secondary' },
    prescriptionStatuses: { active: 'Active', stopped: 'Stopped' },
    certificateStatuses: {
      draft: 'Draft',
      submitted: 'Awaiting approval',
      approved: 'Approved',
      rejected: 'Rejected',
      issued: 'Issued',
      revoked: 'Revoked',
    },
    attachmentKinds: {
      photo: 'Photo',
      'lab-result': 'Lab result',
      imaging: 'Imaging',
      referral: 'Referral',
      document: 'Document',
      other: 'Other',
    },
    unknown: 'Unknown',
  },
  es: {
    title: 'Expediente clínico',
    exported: (when, tz) => `Exportado el ${when} (${tz})`,
    portalCopy: 'Copia para el paciente: solo notas clínicas firmadas.',
    mergedInto: (mrn) => `Este expediente se fusionó con ${mrn}; los registros posteriores están allí.`,
    sections: {
      patient: 'Paciente',
      contacts: 'Contacto y domicilio',
      emergency: 'Contactos de emergencia',
      payer: 'Seguro / pagador',
      allergies: 'Alergias',
      conditions: 'Enfermedades crónicas',
      medications: 'Medicación actual',
      vitals: 'Signos vitales',
      vitalsHistory: 'Historial de signos vitales (más recientes primero)',
      encounters: (n) => `Consultas (${n})`,
      olderEncounters: (n) => `Consultas anteriores (${n}, resumen)`,
      otherPrescriptions: 'Otras recetas',
      dental: 'Odontograma (FDI)',
      dentalPlans: 'Planes de tratamiento dental',
      certificates: 'Certificados médicos',
      attachments: 'Archivos adjuntos',
    },
    fields: {
      name: 'Nombre',
      preferredName: 'Nombre preferido',
      mrn: 'N.º de expediente',
      birthDate: 'Fecha de nacimiento',
      age: (y) => `${y} año${y === 1 ? '' : 's'}`,
      sex: 'Sexo',
      gender: 'Género',
      civilStatus: 'Estado civil',
      bloodType: 'Grupo sanguíneo',
      phone: 'Teléfono',
      altPhone: 'Otro teléfono',
      email: 'Correo electrónico',
      address: 'Domicilio',
      relationship: 'Parentesco',
      payerName: 'Aseguradora',
      memberId: 'N.º de afiliado',
      groupNumber: 'N.º de grupo',
    },
    columns: {
      substance: 'Sustancia',
      reaction: 'Reacción',
      severity: 'Gravedad',
      status: 'Estado',
      condition: 'Enfermedad',
      icd10: 'CIE-10',
      since: 'Desde',
      medicine: 'Medicamento',
      directions: 'Indicaciones',
      quantity: 'Cant.',
      started: 'Recetado',
      prescriber: 'Médico',
      date: 'Fecha',
      type: 'Tipo',
      provider: 'Profesional',
      diagnosis: 'Diagnóstico principal',
      description: 'Descripción',
      code: 'Código',
      kind: 'Clase',
      procedure: 'Procedimiento',
      performed: 'Realizado',
      number: 'Número',
      validFrom: 'Válido desde',
      validTo: 'Válido hasta',
      file: 'Archivo',
      size: 'Tamaño',
      tooth: 'Pieza',
      surfaces: 'Caras',
      recorded: 'Registrado',
    },
    vitals: {
      bloodPressure: 'Presión arterial',
      heartRate: 'Frecuencia cardiaca',
      respiratoryRate: 'Frecuencia respiratoria',
      temperature: 'Temperatura',
      spo2: 'SpO2',
      height: 'Talla',
      weight: 'Peso',
      bmi: 'IMC',
      pain: 'Dolor',
      latestNote: 'Último valor registrado de cada medida; las fechas figuran en el historial.',
      moreReadings: (n) =>
        n === 1 ? 'No se muestra 1 registro anterior.' : `No se muestran ${n} registros anteriores.`,
      short: {
        bp: 'PA mmHg',
        hr: 'FC lpm',
        rr: 'FR /min',
        temp: 'Temp. °C',
        spo2: 'SpO2 %',
        ht: 'Talla cm',
        wt: 'Peso kg',
      },
    },
    encounter: {
      provider: 'Profesional',
      signedBy: (name, when) => `Firmada por ${name} el ${when}`,
      notSigned: 'Borrador: sin firmar',
      chiefComplaint: 'Motivo de consulta',
      soap: { subjective: 'Subjetivo', objective: 'Objetivo', assessment: 'Análisis', plan: 'Plan' },
      diagnoses: 'Diagnósticos',
      procedures: 'Procedimientos',
      prescriptions: 'Recetas',
      addenda: 'Adendas',
      addendum: (when, author) => `Adenda, ${when}, de ${author}`,
      reason: 'Motivo',
      emptyNote: 'Sin nota clínica.',
      days: (n) => `durante ${n} día${n === 1 ? '' : 's'}`,
      allergyOverride: 'Recetado pese a una alerta de alergia',
    },
    none: {
      allergies: 'Sin alergias registradas.',
      conditions: 'Sin enfermedades crónicas registradas.',
      medications: 'Sin recetas activas.',
      vitals: 'Sin signos vitales registrados.',
      encounters: 'Sin consultas registradas.',
      certificates: 'Sin certificados.',
      attachments: 'Sin archivos adjuntos.',
      emergency: 'Sin contacto de emergencia registrado.',
      findings: 'Sin hallazgos en el odontograma.',
    },
    attachmentsNote: 'Solo se listan: los archivos se conservan en el sistema de la clínica.',
    wholeTooth: 'pieza completa',
    sexes: { female: 'Femenino', male: 'Masculino', intersex: 'Intersexual', unknown: 'Desconocido' },
    civilStatuses: {
      single: 'Soltero/a',
      married: 'Casado/a',
      partner: 'Unión libre',
      separated: 'Separado/a',
      divorced: 'Divorciado/a',
      widowed: 'Viudo/a',
      unknown: 'Desconocido',
    },
    identifierTypes: {
      student: 'Matrícula de estudiante',
      employee: 'Número de empleado',
      national: 'Documento de identidad',
      passport: 'Pasaporte',
      insurance: 'Número de afiliación',
      other: 'Otro identificador',
    },
    severities: { mild: 'Leve', moderate: 'Moderada', severe: 'Grave', unknown: 'Desconocida' },
    allergyStatuses: { active: 'Activa', inactive: 'Inactiva' },
    conditionStatuses: { active: 'Activa', resolved: 'Resuelta' },
    encounterTypes: {
      consultation: 'Consulta',
      'follow-up': 'Seguimiento',
      dental: 'Consulta odontológica',
      emergency: 'Urgencia',
      teleconsult: 'Teleconsulta',
    },
    encounterStatuses: { draft: 'Borrador', signed: 'Firmada' },
    diagnosisKinds: { primary: 'Principal', secondary: 'Secundario' },
    prescriptionStatuses: { active: 'Activa', stopped: 'Suspendida' },
    certificateStatuses: {
      draft: 'Borrador',
      submitted: 'Pendiente de aprobación',
      approved: 'Aprobado',
      rejected: 'Rechazado',
      issued: 'Emitido',
      revoked: 'Revocado',
    },
    attachmentKinds: {
      photo: 'Fotografía',
      'lab-result': 'Resultado de laboratorio',
      imaging: 'Imagenología',
      referral: 'Referencia',
      document: 'Documento',
      other: 'Otro',
    },
    unknown: 'Desconocido',
  },
};

import type { DentalCondition, DentalProcedureKind, DentalProcedureStatus } from '@carebase/contracts';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';

type Words = {
  title: string;
  patient: string;
  name: string;
  mrn: string;
  birthDate: string;
  numbering: string;
  odontogram: string;
  legend: string;
  findings: string;
  noFindings: string;
  tooth: string;
  surfaces: string;
  condition: string;
  recorded: string;
  plans: string;
  noPlans: string;
  procedure: string;
  status: string;
  cost: string;
  total: string;
  done: string;
  remaining: string;
  unpriced: (n: number) => string;
  right: string;
  left: string;
  wholeTooth: string;
  conditions: Record<DentalCondition, string>;
  kinds: Record<DentalProcedureKind, string>;
  statuses: Record<DentalProcedureStatus, string>;
};

export const DENTAL_WORDS: Record<PdfLanguage, Words> = {
  en: {
    title: 'Dental chart',
    patient: 'Patient',
    name: 'Name',
    mrn: 'MRN',
    birthDate: 'Date of birth',
    numbering: 'Numbering',
    odontogram: 'Odontogram',
    legend: 'Legend',
    findings: 'Current findings',
    noFindings: 'Nothing recorded: all teeth charted as healthy.',
    tooth: 'Tooth',
    surfaces: 'Surfaces',
    condition: 'Condition',
    recorded: 'Recorded',
    plans: 'Treatment plans',
    noPlans: 'No treatment plan.',
    procedure: 'Procedure',
    status: 'Status',
    cost: 'Cost',
    total: 'Total',
    done: 'Done',
    remaining: 'Remaining',
    unpriced: (n) => `${n} not priced yet`,
    right: 'Right',
    left: 'Left',
    wholeTooth: 'whole tooth',
    conditions: {
      healthy: 'Healthy',
      caries: 'Caries',
      filling: 'Filling',
      crown: 'Crown',
      bridge: 'Bridge',
      missing: 'Missing',
      extracted: 'Extracted',
      root_canal: 'Root canal',
      implant: 'Implant',
      sealant: 'Sealant',
    },
    kinds: {
      exam: 'Examination',
      cleaning: 'Cleaning',
      xray: 'X-ray',
      filling: 'Filling',
      sealant: 'Sealant',
      root_canal: 'Root canal',
      crown: 'Crown',
      bridge: 'Bridge',
      extraction: 'Extraction',
      implant: 'Implant',
      other: 'Other',
    },
    statuses: { planned: 'Planned', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
  },
  es: {
    title: 'Odontograma',
    patient: 'Paciente',
    name: 'Nombre',
    mrn: 'N.º de expediente',
    birthDate: 'Fecha de nacimiento',
    numbering: 'Numeración',
    odontogram: 'Odontograma',
    legend: 'Leyenda',
    findings: 'Hallazgos actuales',
    noFindings: 'Sin registros: todas las piezas sanas.',
    tooth: 'Pieza',
    surfaces: 'Caras',
    condition: 'Condición',
    recorded: 'Registrado',
    plans: 'Planes de tratamiento',
    noPlans: 'Sin plan de tratamiento.',
    procedure: 'Procedimiento',
    status: 'Estado',
    cost: 'Costo',
    total: 'Total',
    done: 'Realizado',
    remaining: 'Pendiente',
    unpriced: (n) => `${n} sin precio aún`,
    right: 'Derecha',
    left: 'Izquierda',
    wholeTooth: 'pieza completa',
    conditions: {
      healthy: 'Sana',
      caries: 'Caries',
      filling: 'Obturación',
      crown: 'Corona',
      bridge: 'Puente',
      missing: 'Ausente',
      extracted: 'Extraída',
      root_canal: 'Endodoncia',
      implant: 'Implante',
      sealant: 'Sellante',
    },
    kinds: {
      exam: 'Examen',
      cleaning: 'Limpieza',
      xray: 'Radiografía',
      filling: 'Obturación',
      sealant: 'Sellante',
      root_canal: 'Endodoncia',
      crown: 'Corona',
      bridge: 'Puente',
      extraction: 'Extracción',
      implant: 'Implante',
      other: 'Otro',
    },
    statuses: { planned: 'Planificado', in_progress: 'En curso', done: 'Realizado', cancelled: 'Cancelado' },
  },
};

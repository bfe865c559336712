import { pathOf } from '../../lib/api.ts';

/** The whole record as a PDF, in the UI language, served by the API as a download. */
export function recordPdfUrl(patientId: string, language: string): string {
  return `${pathOf`/api/patients/${patientId}/record.pdf`}?lang=${language === 'es' ? 'es' : 'en'}`;
}

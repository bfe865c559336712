import type { AlertRuleKey, Language } from '@carebase/contracts';

type Facts = { subject: string; value: number | null; threshold: number };

const n = (v: number | null, digits = 0) => (v === null ? '?' : v.toFixed(digits));

/** One sentence per rule saying what is wrong, in the recipient's language (the web app has its own). */
const SENTENCES: Record<Language, Record<AlertRuleKey, (f: Facts) => string>> = {
  en: {
    backup_stale: (f) =>
      f.value === null
        ? 'There is no verified backup.'
        : `The last verified backup is ${n(f.value)} hours old (limit ${f.threshold} h).`,
    disk_low: (f) => `Only ${n(f.value, 1)} % of the data disk is free (limit ${f.threshold} %).`,
    error_rate: (f) => `${n(f.value, 1)} % of requests failed over 5 minutes (limit ${f.threshold} %).`,
    latency_p99: (f) => `The slowest 1 % of requests took over ${n(f.value)} ms (limit ${f.threshold} ms).`,
    job_failures: (f) => `${n(f.value)} background jobs failed in the last 15 minutes.`,
    outbox_failures: (f) => `${n(f.value)} email or SMS messages of the last day could not be sent.`,
    instance_gone: (f) => `A Carebase server on ${f.subject} stopped reporting without shutting down.`,
    certificate_queue: (f) =>
      `A medical certificate has waited ${n(f.value)} hours for approval (limit ${f.threshold} h).`,
    wal_archive: (f) =>
      f.value === null
        ? 'The WAL archive is not receiving: point-in-time recovery has stopped at its last file.'
        : `The WAL archive is ${n(f.value)} MB behind the database (limit ${f.threshold} MB).`,
  },
  es: {
    backup_stale: (f) =>
      f.value === null
        ? 'No hay ninguna copia de seguridad verificada.'
        : `La última copia verificada tiene ${n(f.value)} horas (límite ${f.threshold} h).`,
    disk_low: (f) => `Solo queda libre el ${n(f.value, 1)} % del disco de datos (límite ${f.threshold} %).`,
    error_rate: (f) =>
      `Falló el ${n(f.value, 1)} % de las peticiones en 5 minutos (límite ${f.threshold} %).`,
    latency_p99: (f) =>
      `El 1 % más lento de las peticiones tardó más de ${n(f.value)} ms (límite ${f.threshold} ms).`,
    job_failures: (f) => `${n(f.value)} tareas en segundo plano fallaron en los últimos 15 minutos.`,
    outbox_failures: (f) => `${n(f.value)} correos o SMS del último día no se pudieron enviar.`,
    instance_gone: (f) => `Un servidor de Carebase en ${f.subject} dejó de informar sin haberse detenido.`,
    certificate_queue: (f) =>
      `Un certificado médico lleva ${n(f.value)} horas esperando aprobación (límite ${f.threshold} h).`,
    wal_archive: (f) =>
      f.value === null
        ? 'El archivo del WAL no está recibiendo: la recuperación a un momento dado se ha detenido en su último fichero.'
        : `El archivo del WAL va ${n(f.value)} MB por detrás de la base de datos (límite ${f.threshold} MB).`,
  },
};

const WORDS = {
  en: { fired: 'Alert', resolved: 'Resolved', resolvedLine: 'This alert has resolved.', see: 'Details:' },
  es: {
    fired: 'Alerta',
    resolved: 'Resuelta',
    resolvedLine: 'Esta alerta se ha resuelto.',
    see: 'Detalles:',
  },
} as const;

export function alertEmail(
  language: Language,
  kind: 'fired' | 'resolved',
  rule: AlertRuleKey,
  facts: Facts & { clinic: string; url: string },
): { subject: string; text: string } {
  const sentence = SENTENCES[language][rule](facts);
  const words = WORDS[language];
  return {
    subject: `${facts.clinic}: ${words[kind]}: ${sentence}`,
    text: [
      sentence,
      ...(kind === 'resolved' ? ['', words.resolvedLine] : []),
      '',
      words.see,
      facts.url,
      '',
      facts.clinic,
    ].join('\n'),
  };
}

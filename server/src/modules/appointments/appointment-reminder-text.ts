import type { Language } from '@carebase/contracts';

export type ReminderFacts = {
  givenName: string;
  serviceName: string;
  providerName: string;
  startsAt: Date;
  timeZone: string;
  clinicName: string;
  clinicPhone: string;
};

type Words = {
  subject: (f: ReminderFacts, when: string) => string;
  email: (f: ReminderFacts, when: string) => string;
  sms: (f: ReminderFacts, when: string) => string;
};

const WORDS: Record<Language, Words> = {
  en: {
    subject: (f, when) => `Appointment reminder: ${f.serviceName}, ${when}`,
    email: (f, when) =>
      [
        `Hello ${f.givenName},`,
        '',
        `This is a reminder of your appointment for ${f.serviceName} with ${f.providerName} on ${when}.`,
        f.clinicPhone
          ? `If you cannot come, please let us know: ${f.clinicPhone}.`
          : 'If you cannot come, please let us know.',
        '',
        f.clinicName,
      ].join('\n'),
    sms: (f, when) =>
      `${f.clinicName}: reminder of your appointment (${f.serviceName}) with ${f.providerName} on ${when}.`,
  },
  es: {
    subject: (f, when) => `Recordatorio de cita: ${f.serviceName}, ${when}`,
    email: (f, when) =>
      [
        `Hola ${f.givenName}:`,
        '',
        `Le recordamos su cita de ${f.serviceName} con ${f.providerName} el ${when}.`,
        f.clinicPhone
          ? `Si no puede asistir, avísenos por favor: ${f.clinicPhone}.`
          : 'Si no puede asistir, avísenos por favor.',
        '',
        f.clinicName,
      ].join('\n'),
    sms: (f, when) =>
      `${f.clinicName}: recordatorio de su cita (${f.serviceName}) con ${f.providerName} el ${when}.`,
  },
};

/** The date and time in the clinic's zone, in the patient's language: "Monday, March 9, 2026, 9:00 AM EDT". */
export function whenText(startsAt: Date, timeZone: string, language: Language): string {
  const locale = language === 'es' ? 'es' : 'en-US';
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(startsAt);
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(startsAt);
  return `${date}, ${time}`;
}

export function reminderEmail(f: ReminderFacts, language: Language): { subject: string; text: string } {
  const when = whenText(f.startsAt, f.timeZone, language);
  return { subject: WORDS[language].subject(f, when), text: WORDS[language].email(f, when) };
}

export function reminderSms(f: ReminderFacts, language: Language): string {
  return WORDS[language].sms(f, whenText(f.startsAt, f.timeZone, language));
}

import { isSampleName, type PatientSummary } from '@carebase/contracts';
import { Avatar, type AvatarProps, Badge, Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { usePhoneFormat } from '../../components/use-phone-format.ts';
import { formatDate } from '../../lib/format.ts';
import { ageOn, ageUnit, calendarDateAsInstant, todayInZone } from './patient-age.ts';

export interface PatientFormat {
  /** A calendar date (birth date) in the user's format, never shifted by the time zone. */
  calendarDate: (date: string | null | undefined) => string;
  /** "39 years", "14 months", "12 days"; empty for bad dates. */
  age: (birthDate: string) => string;
  sex: (sex: PatientSummary['sex']) => string;
  /** "39 years · Female" */
  ageSex: (patient: Pick<PatientSummary, 'birthDate' | 'sex'>) => string;
  /** A stored phone as people read it: national for the clinic's country, else international; '' for none. */
  phone: (phone: string | null | undefined) => string;
}

export function usePatientFormat(): PatientFormat {
  const { t } = useTranslation();
  const format = useFormatters();
  const { context } = format;
  const phone = usePhoneFormat();
  return useMemo(() => {
    const today = todayInZone(context.timeZone);
    const age = (birthDate: string) => {
      const value = ageOn(birthDate, today);
      if (!value) return '';
      const { unit, count } = ageUnit(value);
      return t(`patients.age.${unit}`, { count });
    };
    const sex = (value: PatientSummary['sex']) => t(`patients.sexes.${value}`);
    return {
      calendarDate: (date) => {
        const instant = date ? calendarDateAsInstant(date) : null;
        return instant ? formatDate(instant, { ...context, timeZone: 'UTC' }) : '';
      },
      age,
      sex,
      ageSex: (p) => [age(p.birthDate), sex(p.sex)].filter(Boolean).join(' · '),
      phone,
    };
  }, [t, context, phone]);
}

export function patientInitials(patient: Pick<PatientSummary, 'givenName' | 'familyName'>): string {
  return `${patient.givenName.trim()[0] ?? ''}${patient.familyName.trim()[0] ?? ''}`.toUpperCase() || '?';
}

/** The photo when there is one, else the initials. The picture is decorative: the name is always next to it. */
export function PatientAvatar({
  patient,
  ...props
}: { patient: Pick<PatientSummary, 'givenName' | 'familyName' | 'photoUrl'> } & AvatarProps) {
  return (
    <Avatar src={patient.photoUrl} alt="" color="teal" radius="xl" {...props}>
      {patientInitials(patient)}
    </Avatar>
  );
}

/** "Sample" beside a patient of the demo clinic (the set-up guide's sample data); nothing for anyone else. */
export function SampleBadge({ patient }: { patient: Pick<PatientSummary, 'familyName'> }) {
  const { t } = useTranslation();
  if (!isSampleName(patient.familyName)) return null;
  return (
    <Badge color="orange" variant="light" size="sm" tt="none">
      {t('setup.sample.badge')}
    </Badge>
  );
}

/** Name with MRN and age/sex under it, for lists and pickers. */
export function PatientNameBlock({ patient }: { patient: PatientSummary }) {
  const format = usePatientFormat();
  return (
    <Group gap="sm" wrap="nowrap">
      <PatientAvatar patient={patient} size="md" />
      <div>
        <Group gap={6} wrap="nowrap">
          <Text fw={600} size="sm">
            {patient.displayName}
          </Text>
          <SampleBadge patient={patient} />
        </Group>
        <Text size="xs" c="dimmed">
          {patient.mrn} · {format.ageSex(patient)} · {format.calendarDate(patient.birthDate)}
        </Text>
      </div>
    </Group>
  );
}

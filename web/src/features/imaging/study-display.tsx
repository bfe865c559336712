import type { ImagingStudy, StudyLink } from '@carebase/contracts';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePatientFormat } from '../patients/patient-display.tsx';
import { dicomNameText, dicomTimeText, isoOfDicomDate } from './study-format.ts';

const LINK_COLORS: Record<StudyLink, string> = { matched: 'teal', linked: 'blue', unmatched: 'orange' };

/** How the study came to its patient: matched by MRN on arrival, linked by hand, or not yet. */
export function LinkBadge({ link }: { link: StudyLink }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={LINK_COLORS[link]}>
      {t(`imaging.link.${link}`)}
    </Badge>
  );
}

export function ModalityBadges({ modalities }: { modalities: readonly string[] }) {
  const { t } = useTranslation();
  if (modalities.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('common.emptyValue')}
      </Text>
    );
  return (
    <Group gap={4} wrap="wrap">
      {modalities.map((m) => (
        <Badge key={m} size="sm" variant="outline" color="gray" radius="sm">
          {m}
        </Badge>
      ))}
    </Group>
  );
}

/** The study's date and time as written in its files, in the user's date format. */
export function useStudyDate() {
  const format = usePatientFormat();
  const { t } = useTranslation();
  return (study: Pick<ImagingStudy, 'studyDate' | 'studyTime'>) => {
    const iso = isoOfDicomDate(study.studyDate);
    if (!iso) return t('imaging.noDate');
    const time = dicomTimeText(study.studyTime);
    return time ? `${format.calendarDate(iso)} ${time}` : format.calendarDate(iso);
  };
}

/** The DICOM patient name as people read it, or a word for a file without one. */
export function useDicomName() {
  const { t } = useTranslation();
  return (name: string) => dicomNameText(name) || t('imaging.noName');
}

/**
 * Who the study belongs to: the Carebase patient (name and MRN, to their chart) once linked; else the
 * patient as the files name them, marked Unmatched.
 */
export function StudyPatient({ study, linkToChart = true }: { study: ImagingStudy; linkToChart?: boolean }) {
  const { t } = useTranslation();
  const dicomName = useDicomName();
  if (study.patientId && study.patientName) {
    return (
      <Stack gap={0}>
        {linkToChart ? (
          <Anchor component={Link} to={`/patients/${study.patientId}/imaging`} size="sm" fw={600}>
            {study.patientName}
          </Anchor>
        ) : (
          <Text size="sm" fw={600}>
            {study.patientName}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('imaging.mrn', { mrn: study.mrn ?? '' })}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm">{dicomName(study.dicomPatientName)}</Text>
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          {study.dicomPatientId ? t('imaging.dicomId', { id: study.dicomPatientId }) : t('imaging.noDicomId')}
        </Text>
        <LinkBadge link="unmatched" />
      </Group>
    </Stack>
  );
}

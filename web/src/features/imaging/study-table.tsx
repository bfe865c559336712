import type { ImagingStudy } from '@carebase/contracts';
import { Anchor, Table, Text } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DataTable } from '../../components/data-table.tsx';
import { formatBytes } from '../attachments/file-rules.ts';
import { ModalityBadges, StudyPatient, useStudyDate } from './study-display.tsx';

interface StudyTableProps {
  studies: readonly ImagingStudy[];
  /** A last column of actions for each study (linking in the reconcile tab). */
  actions?: (study: ImagingStudy) => ReactNode;
  busy?: boolean;
}

export function studyPath(id: string): string {
  return `/imaging/studies/${id}`;
}

/** Studies as rows: date, patient, modalities, description (the link to the study), counts and size. */
export function StudyTable({ studies, actions, busy }: StudyTableProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const studyDate = useStudyDate();
  const number = new Intl.NumberFormat(i18n.language);

  // The description is the row's link; a click elsewhere on the row (not on a control) opens it too.
  const openRow = (event: MouseEvent<HTMLTableRowElement>, id: string) => {
    if ((event.target as HTMLElement).closest('a, button, input, label')) return;
    void navigate(studyPath(id));
  };

  return (
    <DataTable
      minWidth={actions ? 1020 : 900}
      verticalSpacing="xs"
      highlightOnHover
      aria-busy={busy}
      head={
        <>
          <Table.Th>{t('imaging.columns.date')}</Table.Th>
          <Table.Th>{t('imaging.columns.patient')}</Table.Th>
          <Table.Th>{t('imaging.columns.modalities')}</Table.Th>
          <Table.Th>{t('imaging.columns.description')}</Table.Th>
          <Table.Th ta="right">{t('imaging.columns.seriesImages')}</Table.Th>
          <Table.Th ta="right">{t('imaging.columns.size')}</Table.Th>
          {actions ? (
            <Table.Th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          ) : null}
        </>
      }
    >
      {studies.map((study) => (
        <Table.Tr key={study.id} onClick={(e) => openRow(e, study.id)} style={{ cursor: 'pointer' }}>
          <Table.Td className="nowrap">
            <Text size="sm">{studyDate(study)}</Text>
          </Table.Td>
          <Table.Td>
            <StudyPatient study={study} />
          </Table.Td>
          <Table.Td>
            <ModalityBadges modalities={study.modalities} />
          </Table.Td>
          <Table.Td maw={320}>
            <Anchor component={Link} to={studyPath(study.id)} size="sm" fw={600} className="break-anywhere">
              {study.description || t('imaging.noDescription')}
            </Anchor>
            {study.accessionNumber ? (
              <Text size="xs" c="dimmed">
                {t('imaging.accession', { number: study.accessionNumber })}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td ta="right" className="nowrap">
            {t('imaging.counts', {
              series: number.format(study.seriesCount),
              images: number.format(study.instanceCount),
            })}
          </Table.Td>
          <Table.Td ta="right" className="nowrap">
            {formatBytes(study.size, i18n.language)}
          </Table.Td>
          {actions ? <Table.Td ta="right">{actions(study)}</Table.Td> : null}
        </Table.Tr>
      ))}
    </DataTable>
  );
}

import './imaging-i18n.ts';
import type { ImagingStudy, Patient } from '@carebase/contracts';
import { Alert, Anchor, Button, Card, Checkbox, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useErrorMessage, useNotify } from '../../components/use-error-message.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useChart } from '../chart/chart-context.ts';
import { DicomUploadZone } from './dicom-upload-zone.tsx';
import { studyThumbnailUrl } from './dicomweb.ts';
import { useLinkStudy, usePatientStudies, useStudies } from './imaging.queries.ts';
import { IconImaging, IconLink } from './imaging-icons.tsx';
import { RewriteCheckbox } from './link-study-panel.tsx';
import { ModalityBadges, useDicomName, useStudyDate } from './study-display.tsx';
import { studyPath } from './study-table.tsx';
import { Thumbnail } from './thumbnail.tsx';
import type { UploadSummary } from './upload-model.ts';

/** Unmatched studies the API lists at once: enough to find those just uploaded among them. */
const UNMATCHED_LOOKUP = 200;

function StudyCard({ study }: { study: ImagingStudy }) {
  const { t, i18n } = useTranslation();
  const studyDate = useStudyDate();
  const number = new Intl.NumberFormat(i18n.language);
  const title = study.description || t('imaging.noDescription');
  return (
    <Card withBorder radius="md" padding="sm" component="li">
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Thumbnail
          src={studyThumbnailUrl(study.studyUid)}
          alt={t('imaging.studyThumbnailAlt', { title, date: studyDate(study) })}
          size={96}
        />
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={studyPath(study.id)} fw={600} size="sm" className="break-anywhere">
            {title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {studyDate(study)}
          </Text>
          <ModalityBadges modalities={study.modalities} />
          <Text size="xs" c="dimmed">
            {t('imaging.countsLong', {
              series: number.format(study.seriesCount),
              images: number.format(study.instanceCount),
            })}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}

/**
 * After an upload on the chart: the studies it reached, sorted by where they landed. Those that came in
 * without a patient (their Patient ID is no one's MRN) can be linked to this patient in one go.
 */
function UploadedStudies({ patient, summary }: { patient: Patient; summary: UploadSummary }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const notify = useNotify();
  const errorMessage = useErrorMessage();
  const dicomName = useDicomName();
  const studyDate = useStudyDate();
  const here = usePatientStudies(patient.id);
  const unmatched = useStudies({ link: 'unmatched', limit: UNMATCHED_LOOKUP, offset: 0 });
  const link = useLinkStudy();
  const [selected, setSelected] = useState<string[] | null>(null);
  const [rewrite, setRewrite] = useState(false);
  const [linking, setLinking] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const canLink = hasPermission(me, 'imaging:reconcile');

  // The lists may predate the upload: ask again once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the summary appears
  useEffect(() => {
    void here.refetch();
  }, []);

  const groups = useMemo(() => {
    const hereUids = new Set((here.data?.items ?? []).map((s) => s.studyUid));
    const unmatchedByUid = new Map((unmatched.data?.items ?? []).map((s) => [s.studyUid, s]));
    const result = { here: 0, unmatched: [] as ImagingStudy[], elsewhere: 0 };
    for (const uid of summary.studyUids) {
      const waiting = unmatchedByUid.get(uid);
      if (hereUids.has(uid)) result.here++;
      else if (waiting) result.unmatched.push(waiting);
      else result.elsewhere++;
    }
    return result;
  }, [here.data, unmatched.data, summary.studyUids]);

  if (summary.studyUids.length === 0) return null;
  if (here.isPending || unmatched.isPending || (unmatched.isFetching && !unmatched.isFetched)) {
    return <Loader size="sm" aria-label={t('common.loading')} />;
  }

  const chosen = selected ?? groups.unmatched.map((s) => s.id);
  const linkChosen = async () => {
    setLinking(true);
    setFailure(null);
    let done = 0;
    for (const id of chosen) {
      try {
        await link.mutateAsync({ id, body: { patientId: patient.id, rewrite } });
        done++;
      } catch (error) {
        setFailure(error);
        break;
      }
    }
    setLinking(false);
    setSelected([]);
    if (done > 0) notify.success(t('imaging.chart.linked', { count: done, name: patient.displayName }));
  };

  return (
    <Stack gap="xs">
      {groups.here > 0 ? (
        <Text size="sm">{t('imaging.chart.landedHere', { count: groups.here })}</Text>
      ) : null}
      {groups.elsewhere > 0 ? (
        <Text size="sm" c="orange.9">
          {t('imaging.chart.landedElsewhere', { count: groups.elsewhere })}
        </Text>
      ) : null}
      {groups.unmatched.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          title={t('imaging.chart.unmatchedTitle', { count: groups.unmatched.length })}
        >
          <Stack gap="xs">
            <Text size="sm">{t('imaging.chart.unmatchedHint')}</Text>
            {canLink ? (
              <>
                <Stack gap={4}>
                  {groups.unmatched.map((study) => (
                    <Checkbox
                      key={study.id}
                      checked={chosen.includes(study.id)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setSelected(on ? [...chosen, study.id] : chosen.filter((id) => id !== study.id));
                      }}
                      label={t('imaging.chart.unmatchedStudy', {
                        description: study.description || t('imaging.noDescription'),
                        date: studyDate(study),
                        name: dicomName(study.dicomPatientName),
                        id: study.dicomPatientId || t('imaging.noDicomId'),
                      })}
                    />
                  ))}
                </Stack>
                <RewriteCheckbox checked={rewrite} onChange={setRewrite} />
                {failure ? (
                  <Text size="sm" c="red.8" role="alert">
                    {errorMessage(failure)}
                  </Text>
                ) : null}
                <Group>
                  <Button
                    leftSection={<IconLink size={16} />}
                    onClick={() => void linkChosen()}
                    loading={linking}
                    disabled={chosen.length === 0}
                  >
                    {t('imaging.chart.linkThese', { count: chosen.length, name: patient.displayName })}
                  </Button>
                </Group>
              </>
            ) : (
              <Text size="sm">{t('imaging.chart.askReconciler')}</Text>
            )}
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}

/** `/patients/:id/imaging`: the patient's studies with thumbnails, and where to add more. */
export function PatientImagingTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { patient } = useChart();
  const studies = usePatientStudies(patient.id);
  const items = studies.data?.items ?? [];
  const canStore = hasPermission(me, 'imaging:store');

  return (
    <Stack gap="md">
      {canStore ? (
        <DicomUploadZone
          title={t('imaging.chart.uploadTitle')}
          hint={t('imaging.chart.uploadHint', { mrn: patient.mrn })}
          after={(summary) => <UploadedStudies patient={patient} summary={summary} />}
        />
      ) : null}
      <QueryStates
        query={studies}
        isEmpty={items.length === 0}
        empty={
          <Empty
            icon={<IconImaging size={28} />}
            title={t('imaging.chart.empty')}
            description={canStore ? t('imaging.chart.emptyHint') : undefined}
          />
        }
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" component="ul" className="plain-list">
          {items.map((study) => (
            <StudyCard key={study.id} study={study} />
          ))}
        </SimpleGrid>
      </QueryStates>
    </Stack>
  );
}

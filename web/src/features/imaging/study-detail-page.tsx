import './imaging-i18n.ts';
import type { ImagingSeries, ImagingStudyDetail } from '@carebase/contracts';
import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { CopyIconButton } from '../../components/copy-value.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { isApiError } from '../../lib/api.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { formatBytes } from '../attachments/file-rules.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { usePatientFormat } from '../patients/patient-display.tsx';
import { DeleteImagingModal } from './delete-imaging-modal.tsx';
import { seriesThumbnailUrl } from './dicomweb.ts';
import { useDeleteSeries, useDeleteStudy, useStudy } from './imaging.queries.ts';
import { LinkStudyPanel } from './link-study-panel.tsx';
import { SeriesPreview } from './series-preview.tsx';
import { LinkBadge, ModalityBadges, StudyPatient, useDicomName, useStudyDate } from './study-display.tsx';
import { isoOfDicomDate } from './study-format.ts';
import { Thumbnail } from './thumbnail.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" className="break-anywhere">
        {children}
      </Text>
    </Stack>
  );
}

function StudyAttributes({ study }: { study: ImagingStudyDetail }) {
  const { t, i18n } = useTranslation();
  const format = usePatientFormat();
  const studyDate = useStudyDate();
  const dicomName = useDicomName();
  const number = new Intl.NumberFormat(i18n.language);
  const birth = isoOfDicomDate(study.dicomBirthDate);
  const none = t('common.emptyValue');
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600}>
              {t('imaging.detail.patient')}
            </Text>
            <StudyPatient study={study} />
          </Stack>
          <Group gap="xs">
            {/* An unmatched study says so next to the names in its files already. */}
            {study.link === 'unmatched' ? null : <LinkBadge link={study.link} />}
            <ModalityBadges modalities={study.modalities} />
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md" component="dl" className="plain-dl">
          <Field label={t('imaging.detail.date')}>{studyDate(study)}</Field>
          <Field label={t('imaging.detail.accession')}>{study.accessionNumber || none}</Field>
          <Field label={t('imaging.detail.referring')}>
            {dicomName(study.referringPhysician) === t('imaging.noName')
              ? none
              : dicomName(study.referringPhysician)}
          </Field>
          <Field label={t('imaging.detail.institution')}>{study.institution || none}</Field>
          <Field label={t('imaging.detail.dicomPatient')}>{dicomName(study.dicomPatientName)}</Field>
          <Field label={t('imaging.detail.dicomId')}>{study.dicomPatientId || none}</Field>
          <Field label={t('imaging.detail.dicomBirth')}>
            {birth ? format.calendarDate(birth) : none}
            {study.dicomSex ? ` · ${study.dicomSex}` : ''}
          </Field>
          <Field label={t('imaging.detail.contents')}>
            {t('imaging.countsLong', {
              series: number.format(study.seriesCount),
              images: number.format(study.instanceCount),
            })}{' '}
            · {formatBytes(study.size, i18n.language)}
          </Field>
          <Field label={t('imaging.detail.received')}>
            <DateTimeText value={study.createdAt} />
          </Field>
          <Field label={t('imaging.detail.updated')}>
            <DateTimeText value={study.updatedAt} />
          </Field>
        </SimpleGrid>
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed" ff="monospace" className="break-anywhere">
            {t('imaging.detail.studyUid', { uid: study.studyUid })}
          </Text>
          <CopyIconButton value={study.studyUid} label={t('imaging.detail.copyUid')} />
        </Group>
      </Stack>
    </Paper>
  );
}

function SeriesCard({
  study,
  series,
  onOpen,
  onDelete,
}: {
  study: ImagingStudyDetail;
  series: ImagingSeries;
  onOpen: () => void;
  onDelete: (() => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const title = series.description || t('imaging.series.untitled');
  const label = t('imaging.series.label', { number: series.seriesNumber ?? '–', description: title });
  return (
    <Card withBorder radius="md" padding="sm" component="li">
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Thumbnail
          src={seriesThumbnailUrl(study.studyUid, series.seriesUid)}
          alt={t('imaging.series.thumbnailAlt', { label, modality: series.modality })}
          size={112}
        />
        <Stack gap={4} style={{ minWidth: 0 }} flex={1}>
          <Text size="sm" fw={600} className="break-anywhere">
            {label}
          </Text>
          <Group gap={6}>
            {series.modality ? (
              <Badge size="sm" variant="outline" color="gray" radius="sm">
                {series.modality}
              </Badge>
            ) : null}
            {series.bodyPart ? (
              <Text size="xs" c="dimmed">
                {series.bodyPart}
              </Text>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {t('imaging.series.images', {
              count: series.instanceCount,
              formatted: number.format(series.instanceCount),
            })}
          </Text>
          <Group gap="xs" mt={4}>
            <Button
              size="xs"
              variant="light"
              onClick={onOpen}
              aria-label={t('imaging.series.openNamed', { label })}
            >
              {t('imaging.series.open')}
            </Button>
            {onDelete ? (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={onDelete}
                aria-label={t('imaging.series.deleteNamed', { label })}
              >
                {t('common.delete')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Group>
    </Card>
  );
}

/** `/imaging/studies/:id`: one study, its series with thumbnails and a preview, linking and deleting. */
export function StudyDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const notify = useNotify();
  const study = useStudy(id);
  const deleteStudy = useDeleteStudy();
  const deleteSeries = useDeleteSeries(id);
  const [previewing, setPreviewing] = useState<ImagingSeries | null>(null);
  const [deletingStudy, setDeletingStudy] = useState(false);
  const [deletingSeries, setDeletingSeries] = useState<ImagingSeries | null>(null);
  const [relinking, setRelinking] = useState(false);
  const canDelete = hasPermission(me, 'imaging:delete');
  const canLink = hasPermission(me, 'imaging:reconcile');
  const back = (
    <Anchor component={Link} to="/imaging" size="sm">
      {t('imaging.detail.back')}
    </Anchor>
  );

  if (study.isPending) {
    return (
      <Paper withBorder p="lg">
        <FormSkeleton fields={4} />
      </Paper>
    );
  }
  if (study.isError) {
    if (isApiError(study.error) && study.error.status === 404) {
      return (
        <Empty
          icon={<IconSearch size={28} />}
          title={t('imaging.detail.notFound')}
          description={t('imaging.detail.notFoundHint')}
          headingOrder={1}
          action={back}
        />
      );
    }
    return <QueryError error={study.error} onRetry={() => void study.refetch()} />;
  }

  const data = study.data;
  const title = data.description || t('imaging.detail.untitled');

  return (
    <>
      <Stack gap={4} mb="xs">
        {back}
      </Stack>
      <PageHeader
        title={title}
        actions={
          canDelete ? (
            <Button color="red" variant="light" onClick={() => setDeletingStudy(true)}>
              {t('imaging.detail.deleteStudy')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <StudyAttributes study={data} />
        {canLink && (data.link === 'unmatched' || relinking) ? (
          <Paper withBorder p="md" radius="md">
            <LinkStudyPanel
              study={data}
              onLinked={() => setRelinking(false)}
              onCancel={data.link === 'unmatched' ? undefined : () => setRelinking(false)}
            />
          </Paper>
        ) : canLink ? (
          <Group>
            <Button variant="subtle" size="xs" onClick={() => setRelinking(true)}>
              {t('imaging.linking.relink')}
            </Button>
          </Group>
        ) : null}
        <Stack gap="xs" component="section" aria-labelledby="series-title">
          <Title order={2} fz="h4" id="series-title">
            {t('imaging.detail.series', { count: data.series.length })}
          </Title>
          {data.series.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('imaging.detail.noSeries')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" component="ul" className="plain-list">
              {data.series.map((series) => (
                <SeriesCard
                  key={series.id}
                  study={data}
                  series={series}
                  onOpen={() => setPreviewing(series)}
                  onDelete={canDelete ? () => setDeletingSeries(series) : null}
                />
              ))}
            </SimpleGrid>
          )}
        </Stack>
      </Stack>

      <SeriesPreview studyUid={data.studyUid} series={previewing} onClose={() => setPreviewing(null)} />
      <DeleteImagingModal
        opened={deletingStudy}
        title={t('imaging.delete.studyTitle')}
        message={t('imaging.delete.studyMessage', { count: data.instanceCount })}
        loading={deleteStudy.isPending}
        error={deleteStudy.error}
        onClose={() => {
          setDeletingStudy(false);
          deleteStudy.reset();
        }}
        onConfirm={(reason) =>
          deleteStudy.mutate(
            { id: data.id, reason },
            {
              onSuccess: () => {
                notify.success(t('imaging.delete.studyDone'));
                void navigate('/imaging');
              },
            },
          )
        }
      />
      <DeleteImagingModal
        opened={deletingSeries !== null}
        title={t('imaging.delete.seriesTitle')}
        message={t('imaging.delete.seriesMessage', {
          label: deletingSeries?.description || t('imaging.series.untitled'),
          count: deletingSeries?.instanceCount ?? 0,
        })}
        loading={deleteSeries.isPending}
        error={deleteSeries.error}
        onClose={() => {
          setDeletingSeries(null);
          deleteSeries.reset();
        }}
        onConfirm={(reason) =>
          deletingSeries &&
          deleteSeries.mutate(
            { id: deletingSeries.id, reason },
            {
              onSuccess: () => {
                notify.success(t('imaging.delete.seriesDone'));
                setDeletingSeries(null);
              },
            },
          )
        }
      />
    </>
  );
}

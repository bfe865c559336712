import type { ImagingSeries } from '@carebase/contracts';
import { Box, Button, Center, Grid, Group, Loader, Modal, Slider, Stack, Text } from '@mantine/core';
import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconChevronRight } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { type PreviewImage, previewImagesOf, renderedUrl, startIndexOf, stepOfKey } from './dicomweb.ts';
import { useSeriesInstances } from './imaging.queries.ts';
import { TagsPanel } from './tags-panel.tsx';

const VIEWPORT = 512;

function seriesTitle(series: ImagingSeries, t: (key: 'imaging.series.untitled') => string): string {
  return series.description || t('imaging.series.untitled');
}

function PreviewBody({ studyUid, series }: { studyUid: string; series: ImagingSeries }) {
  const { t } = useTranslation();
  const instances = useSeriesInstances(studyUid, series.seriesUid);
  const images: PreviewImage[] = useMemo(() => {
    const found = instances.data ? previewImagesOf(instances.data) : [];
    if (found.length > 0) return found;
    return series.previewInstanceUid ? [{ instanceUid: series.previewInstanceUid, frame: null }] : [];
  }, [instances.data, series.previewInstanceUid]);
  const [index, setIndex] = useState<number | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const hintId = useId();

  const current = index ?? startIndexOf(images, series.previewInstanceUid);
  const image = images[current];
  const src = image
    ? renderedUrl(studyUid, series.seriesUid, image.instanceUid, image.frame, VIEWPORT)
    : null;

  // The neighbours load ahead, so that stepping through the series does not wait on each picture.
  useEffect(() => {
    for (const near of [images[current + 1], images[current - 1]]) {
      if (!near) continue;
      const preload = new Image();
      preload.src = renderedUrl(studyUid, series.seriesUid, near.instanceUid, near.frame, VIEWPORT);
    }
  }, [images, current, studyUid, series.seriesUid]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    // Text boxes and the slider handle their own keys.
    if (target.closest('input, textarea, [role="slider"]')) return;
    const next = stepOfKey(event.key, images.length, current);
    if (next === null) return;
    event.preventDefault();
    setIndex(next);
  };

  if (instances.isPending) {
    return (
      <Center h={300}>
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (instances.isError)
    return <QueryError error={instances.error} onRetry={() => void instances.refetch()} />;
  if (!image || !src) return <Text c="dimmed">{t('imaging.preview.noImages')}</Text>;

  const position = t('imaging.preview.position', { n: current + 1, total: images.length });
  const frameNote = image.frame === null ? '' : ` · ${t('imaging.preview.frame', { frame: image.frame })}`;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the arrow keys step through the series anywhere in the preview; every control in it is a real button or slider
    <div onKeyDown={onKeyDown}>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xs">
            <Box
              tabIndex={0}
              role="group"
              aria-roledescription={t('imaging.preview.roleDescription')}
              aria-label={position}
              aria-describedby={hintId}
              data-autofocus
              style={{
                position: 'relative',
                background: 'black',
                borderRadius: 8,
                aspectRatio: '1 / 1',
                width: '100%',
                maxWidth: VIEWPORT,
                margin: '0 auto',
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
              }}
            >
              {failed === src ? (
                <Text c="gray.4" size="sm" ta="center" px="md">
                  {t('imaging.preview.failed')}
                </Text>
              ) : (
                <img
                  key={src}
                  src={src}
                  alt={t('imaging.preview.imageAlt', {
                    position,
                    series: seriesTitle(series, t),
                  })}
                  onLoad={() => setLoaded(src)}
                  onError={() => setFailed(src)}
                  style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain', display: 'block' }}
                />
              )}
              {loaded !== src && failed !== src ? (
                <Loader size="sm" color="gray" style={{ position: 'absolute', top: 12, right: 12 }} />
              ) : null}
            </Box>
            <Group gap="xs" wrap="nowrap">
              <Button
                variant="default"
                size="xs"
                onClick={() => setIndex(Math.max(0, current - 1))}
                disabled={current === 0}
                aria-label={t('imaging.preview.previous')}
              >
                <IconChevronRight size={16} style={{ transform: 'rotate(180deg)' }} />
              </Button>
              <Slider
                flex={1}
                min={1}
                max={Math.max(1, images.length)}
                value={current + 1}
                onChange={(value) => setIndex(value - 1)}
                label={null}
                disabled={images.length < 2}
                aria-label={t('imaging.preview.slider')}
                thumbLabel={t('imaging.preview.slider')}
              />
              <Button
                variant="default"
                size="xs"
                onClick={() => setIndex(Math.min(images.length - 1, current + 1))}
                disabled={current >= images.length - 1}
                aria-label={t('imaging.preview.next')}
              >
                <IconChevronRight size={16} />
              </Button>
            </Group>
            <Text size="sm" ta="center" aria-live="polite">
              {position}
              {frameNote}
            </Text>
            <Text size="xs" c="dimmed" ta="center" id={hintId}>
              {t('imaging.preview.keys')}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <TagsPanel
            studyUid={studyUid}
            seriesUid={series.seriesUid}
            instanceUid={image.instanceUid}
            height={440}
          />
        </Grid.Col>
      </Grid>
    </div>
  );
}

/** A plain look at one series: one rendered picture at a time, stepped with the keys or the slider, and its tags. */
export function SeriesPreview({
  studyUid,
  series,
  onClose,
}: {
  studyUid: string;
  series: ImagingSeries | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={series !== null}
      onClose={onClose}
      size="min(1200px, 96vw)"
      title={
        series
          ? t('imaging.preview.title', {
              number: series.seriesNumber ?? '–',
              description: seriesTitle(series, t),
            })
          : ''
      }
    >
      {series ? <PreviewBody key={series.id} studyUid={studyUid} series={series} /> : null}
    </Modal>
  );
}

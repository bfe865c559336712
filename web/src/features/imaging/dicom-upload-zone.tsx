import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type DragEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../components/use-error-message.ts';
import { formatBytes } from '../attachments/file-rules.ts';
import { IconFolder, IconUpload } from './imaging-icons.tsx';
import { hexCode } from './stow.ts';
import type { UploadItem, UploadStatus, UploadSummary } from './upload-model.ts';
import { inputsFromDataTransfer, inputsFromFiles } from './upload-sources.ts';
import { useDicomUpload } from './use-dicom-upload.ts';

/** Rows shown in the list of files; the counts above it cover every file. */
const MAX_ROWS = 200;

const STATUS_COLORS: Record<UploadStatus, string> = {
  waiting: 'gray',
  sending: 'blue',
  stored: 'teal',
  partial: 'yellow',
  refused: 'red',
  failed: 'red',
  skipped: 'gray',
  cancelled: 'gray',
};

/** Sending files first, then those with a problem, then the stored ones, newest first within each. */
function rowsToShow(items: readonly UploadItem[]): UploadItem[] {
  const rank = (item: UploadItem) =>
    item.status === 'sending' || item.status === 'waiting' ? 0 : item.status === 'stored' ? 2 : 1;
  return [...items].sort((a, b) => rank(a) - rank(b) || b.id - a.id).slice(0, MAX_ROWS);
}

function ItemDetail({ item }: { item: UploadItem }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  let text = '';
  if (item.status === 'refused' || item.status === 'partial')
    text = item.failures
      .map(
        (f) =>
          f.reason ??
          (f.code === null
            ? t('imaging.upload.noReason')
            : t('imaging.upload.failureCode', { code: hexCode(f.code) })),
      )
      .join('; ');
  else if (item.status === 'failed') text = errorMessage(item.error);
  else if (item.status === 'skipped' && item.skip) text = t(`imaging.upload.skip.${item.skip}`);
  if (item.status === 'sending')
    return (
      <Progress
        value={item.progress * 100}
        size="sm"
        aria-label={t('imaging.upload.fileProgress', { name: item.name })}
        miw={120}
      />
    );
  return text ? (
    <Text size="xs" c={item.status === 'skipped' ? 'dimmed' : 'red.8'} className="break-anywhere">
      {text}
    </Text>
  ) : null;
}

/** The outcome in one sentence per kind: stored, refused, failed, skipped, cancelled. */
function SummaryAlert({ summary }: { summary: UploadSummary }) {
  const { t } = useTranslation();
  const problems = summary.refused + summary.failed;
  const parts = [
    t('imaging.upload.summary.stored', { count: summary.stored }),
    summary.refused ? t('imaging.upload.summary.refused', { count: summary.refused }) : null,
    summary.failed ? t('imaging.upload.summary.failed', { count: summary.failed }) : null,
    summary.skipped ? t('imaging.upload.summary.skipped', { count: summary.skipped }) : null,
    summary.cancelled ? t('imaging.upload.summary.cancelled', { count: summary.cancelled }) : null,
  ].filter(Boolean);
  return (
    <Alert
      color={problems > 0 ? 'yellow' : summary.stored > 0 ? 'teal' : 'gray'}
      variant="light"
      title={t('imaging.upload.finished')}
      role="status"
    >
      <Text size="sm">{parts.join(' · ')}</Text>
      {summary.stored > 0 ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t('imaging.upload.duplicatesNote')}
        </Text>
      ) : null}
    </Alert>
  );
}

interface DicomUploadZoneProps {
  /** The section's heading. */
  title: string;
  hint?: string;
  onDone?: (summary: UploadSummary) => void;
  /** Shown under the summary once the upload is over (the chart offers linking there). */
  after?: (summary: UploadSummary) => ReactNode;
}

/**
 * Where DICOM files are added: drop files, folders or .zip archives, or choose files or a folder. Each file
 * goes to the archive on its own, a few at a time, with a bar per file and one overall; a summary follows.
 */
export function DicomUploadZone({ title, hint, onDone, after }: DicomUploadZoneProps) {
  const { t, i18n } = useTranslation();
  const upload = useDicomUpload(onDone);
  const [dragging, setDragging] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const number = new Intl.NumberFormat(i18n.language);

  // A folder chooser is a file input with the (non-standard but universal) webkitdirectory attribute.
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (upload.running) return;
    // The dropped items are readable only during the event: take them now, read them later.
    void upload.start(inputsFromDataTransfer(event.dataTransfer));
  };

  const onChosen = (input: HTMLInputElement | null) => {
    if (!input?.files) return;
    const inputs = inputsFromFiles([...input.files]);
    input.value = '';
    void upload.start(inputs);
  };

  const { summary } = upload;
  const sent = summary.files - summary.pending;
  const rows = rowsToShow(upload.items);

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={titleId}
      onDragOver={(event: DragEvent) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = upload.running ? 'none' : 'copy';
        setDragging(true);
      }}
      onDragLeave={(event: DragEvent) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: dragging ? 'var(--mantine-primary-color-filled)' : undefined,
        background: dragging ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2} maw={620}>
            <Title order={2} fz="h5" id={titleId}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {hint ?? t('imaging.upload.hint')}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button
              leftSection={<IconUpload size={16} />}
              onClick={() => filesInput.current?.click()}
              disabled={upload.running}
            >
              {t('imaging.upload.chooseFiles')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconFolder size={16} />}
              onClick={() => folderInput.current?.click()}
              disabled={upload.running}
            >
              {t('imaging.upload.chooseFolder')}
            </Button>
          </Group>
        </Group>
        <input
          ref={filesInput}
          type="file"
          multiple
          hidden
          aria-label={t('imaging.upload.chooseFiles')}
          onChange={(e) => onChosen(e.currentTarget)}
        />
        <input
          ref={folderInput}
          type="file"
          multiple
          hidden
          aria-label={t('imaging.upload.chooseFolder')}
          onChange={(e) => onChosen(e.currentTarget)}
        />
        <Text size="xs" c="dimmed">
          {t('imaging.upload.skipRule')}
        </Text>

        {upload.running || upload.finished ? (
          <Stack gap={4}>
            <Group justify="space-between" gap="sm">
              <Text size="sm" aria-live="polite">
                {upload.running
                  ? t('imaging.upload.progress', {
                      done: number.format(sent),
                      total: number.format(summary.files),
                    })
                  : t('imaging.upload.progressDone', { total: number.format(summary.files) })}
              </Text>
              {upload.running ? (
                <Button size="xs" variant="subtle" color="red" onClick={upload.cancel}>
                  {t('imaging.upload.cancel')}
                </Button>
              ) : (
                <Button size="xs" variant="subtle" onClick={upload.clear}>
                  {t('imaging.upload.clear')}
                </Button>
              )}
            </Group>
            <Progress
              value={summary.progress * 100}
              animated={upload.running}
              aria-label={t('imaging.upload.overall')}
            />
          </Stack>
        ) : null}

        {upload.finished ? <SummaryAlert summary={summary} /> : null}
        {upload.finished && after ? after(summary) : null}

        {rows.length > 0 ? (
          <ScrollArea.Autosize mah={280} type="auto">
            <Table verticalSpacing={4} fz="sm" miw={600} aria-label={t('imaging.upload.filesLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imaging.upload.columns.file')}</Table.Th>
                  <Table.Th ta="right">{t('imaging.upload.columns.size')}</Table.Th>
                  <Table.Th>{t('imaging.upload.columns.status')}</Table.Th>
                  <Table.Th>{t('imaging.upload.columns.detail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td maw={320} className="break-anywhere">
                      {item.name}
                    </Table.Td>
                    <Table.Td ta="right" className="nowrap">
                      {formatBytes(item.size, i18n.language)}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={STATUS_COLORS[item.status]}>
                        {t(`imaging.upload.status.${item.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td miw={160}>
                      <ItemDetail item={item} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {upload.items.length > rows.length ? (
              <Text size="xs" c="dimmed" mt={4}>
                {t('imaging.upload.moreRows', { shown: rows.length, total: upload.items.length })}
              </Text>
            ) : null}
          </ScrollArea.Autosize>
        ) : null}
      </Stack>
    </Paper>
  );
}

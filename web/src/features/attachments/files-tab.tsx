import { ATTACHMENT_KINDS } from '@carebase/contracts';
import {
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconDownload } from '../../components/icons.tsx';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { UploadProgress } from '../../components/upload-progress.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useChart } from '../chart/chart-context.ts';
import { usePublicSettings } from '../settings/settings.queries.ts';
import {
  type AttachmentKind,
  attachmentUrl,
  useAttachments,
  useUploadAttachment,
} from './attachments.queries.ts';
import { contentTypeOf, fileProblem, formatBytes } from './file-rules.ts';

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

function Uploader({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const upload = useUploadAttachment(patientId);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<AttachmentKind>('document');
  const [progress, setProgress] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  // The server's limit (ATTACHMENT_MAX_MB); until it is known, the server alone judges the size.
  const maxBytes = usePublicSettings().data?.attachmentMaxBytes ?? null;
  const max = maxBytes === null ? '' : formatBytes(maxBytes, i18n.language);

  const choose = (chosen: File | null) => {
    upload.reset();
    if (!chosen) return;
    const found = fileProblem(chosen, maxBytes ?? Number.POSITIVE_INFINITY);
    setProblem(found ? t(`attachments.problems.${found}`, { max }) : null);
    setFile(found ? null : chosen);
    if (!found && contentTypeOf(chosen).startsWith('image/') && kind === 'document') setKind('photo');
  };

  const start = () => {
    if (!file) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    upload.mutate(
      { file, kind, onProgress: setProgress, signal: controller.signal },
      {
        onSuccess: (saved) => {
          notify.success(t('attachments.uploaded', { name: saved.filename }));
          setFile(null);
          setProgress(0);
        },
        onError: (error) => {
          if (error instanceof DOMException && error.name === 'AbortError') {
            notify.success(t('attachments.cancelled'));
            upload.reset();
          }
        },
      },
    );
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0] ?? null);
  };

  const percent = Math.round(progress * 100);
  const uploadError = upload.error instanceof DOMException ? null : upload.error;

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="upload-title"
      onDragOver={(event: DragEvent) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      style={
        dragging ? { borderColor: 'var(--mantine-primary-color-filled)', borderStyle: 'dashed' } : undefined
      }
    >
      <Stack gap="sm">
        <Title order={2} fz="h5" id="upload-title">
          {t('attachments.uploadTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {maxBytes === null ? t('attachments.rulesAnySize') : t('attachments.rules', { max })}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('attachments.kind')}
            data={ATTACHMENT_KINDS.map((value) => ({ value, label: t(`attachments.kinds.${value}`) }))}
            value={kind}
            onChange={(value) => value && setKind(value as AttachmentKind)}
            allowDeselect={false}
            w={200}
            disabled={upload.isPending}
          />
          <FileButton
            onChange={choose}
            accept="application/pdf,image/jpeg,image/png"
            disabled={upload.isPending}
          >
            {(props) => (
              <Button variant="default" {...props} disabled={upload.isPending}>
                {t('attachments.choose')}
              </Button>
            )}
          </FileButton>
          <Button onClick={start} disabled={!file || upload.isPending}>
            {t('attachments.upload')}
          </Button>
          {upload.isPending ? (
            <Button variant="subtle" color="red" onClick={() => abort.current?.abort()}>
              {t('attachments.cancel')}
            </Button>
          ) : null}
        </Group>
        {file ? (
          <Text size="sm">
            {t('attachments.chosen', { name: file.name, size: formatBytes(file.size, i18n.language) })}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            {t('attachments.dropHint')}
          </Text>
        )}
        {upload.isPending ? (
          <UploadProgress
            percent={percent}
            label={t('attachments.progress')}
            text={t('attachments.percent', { percent })}
          />
        ) : null}
        {problem ? (
          <Text size="sm" c="red" role="alert">
            {problem}
          </Text>
        ) : null}
        <FormError error={uploadError} />
      </Stack>
    </Paper>
  );
}

/** `/patients/:id/files`: uploaded images and PDFs, newest first. */
export function FilesTab() {
  const { t, i18n } = useTranslation();
  const { patient, access } = useChart();
  const list = useAttachments(patient.id);

  let content: ReactNode;
  if (list.isPending) content = <TableSkeleton />;
  else if (list.isError) content = <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    content = (
      <Empty
        title={t('attachments.empty')}
        description={access.writeChart ? t('attachments.emptyHint') : undefined}
      />
    );
  else
    content = (
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('attachments.columns.name')}</Table.Th>
              <Table.Th>{t('attachments.columns.kind')}</Table.Th>
              <Table.Th>{t('attachments.columns.type')}</Table.Th>
              <Table.Th>{t('attachments.columns.size')}</Table.Th>
              <Table.Th>{t('attachments.columns.uploadedBy')}</Table.Th>
              <Table.Th>{t('attachments.columns.date')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor
                    href={attachmentUrl(a.id)}
                    target="_blank"
                    rel="noreferrer"
                    size="sm"
                    fw={600}
                    className="break-anywhere"
                  >
                    {a.filename}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`attachments.kinds.${a.kind}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {TYPE_LABELS[a.contentType] ?? a.contentType}
                  </Badge>
                </Table.Td>
                <Table.Td className="nowrap">{formatBytes(a.size, i18n.language)}</Table.Td>
                <Table.Td>{a.uploadedByName ?? t('common.emptyValue')}</Table.Td>
                <Table.Td className="nowrap">
                  <DateTimeText value={a.createdAt} />
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    component="a"
                    href={attachmentUrl(a.id, true)}
                    size="xs"
                    variant="subtle"
                    leftSection={<IconDownload size={14} />}
                    aria-label={t('attachments.downloadNamed', { name: a.filename })}
                  >
                    {t('attachments.download')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Stack gap="md">
      {access.writeChart ? <Uploader patientId={patient.id} /> : null}
      <Paper withBorder p="md" radius="md">
        {content}
      </Paper>
    </Stack>
  );
}

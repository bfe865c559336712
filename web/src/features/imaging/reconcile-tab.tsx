import type { ImagingConflict, ImagingStudy } from '@carebase/contracts';
import { Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { ListFooter } from '../../components/list-footer.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { formatBytes } from '../attachments/file-rules.ts';
import { useConflicts, useResolveConflict, useStudies, useStudy } from './imaging.queries.ts';
import { IconLink } from './imaging-icons.tsx';
import { LinkStudyPanel } from './link-study-panel.tsx';
import { StudyTable } from './study-table.tsx';

const PAGE_SIZE = 25;

function LinkStudyModal({ studyId, onClose }: { studyId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={studyId !== null} onClose={onClose} title={t('imaging.linking.title')} size="lg">
      {studyId ? <LinkStudyLoader studyId={studyId} onLinked={onClose} /> : null}
    </Modal>
  );
}

function LinkStudyLoader({ studyId, onLinked }: { studyId: string; onLinked: () => void }) {
  const study = useStudy(studyId);
  if (study.isPending) return <FormSkeleton fields={3} />;
  if (study.isError) return <QueryError error={study.error} onRetry={() => void study.refetch()} />;
  return <LinkStudyPanel study={study.data} onLinked={onLinked} />;
}

function UnmatchedStudies() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const [linking, setLinking] = useState<string | null>(null);
  const studies = useStudies({ link: 'unmatched', limit: pageSize, offset: (page - 1) * pageSize });
  const items = studies.data?.items ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="unmatched-title">
      <Stack gap={2}>
        <Title order={2} fz="h4" id="unmatched-title">
          {t('imaging.reconcile.unmatchedTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('imaging.reconcile.unmatchedHint')}
        </Text>
      </Stack>
      <QueryStates
        query={studies}
        isEmpty={items.length === 0}
        empty={
          <Empty
            title={t('imaging.reconcile.noUnmatched')}
            description={t('imaging.reconcile.noUnmatchedHint')}
          />
        }
      >
        <StudyTable
          studies={items}
          busy={studies.isFetching}
          actions={(study: ImagingStudy) => (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconLink size={14} />}
              onClick={() => setLinking(study.id)}
              aria-label={t('imaging.reconcile.linkNamed', {
                name: study.dicomPatientName || study.dicomPatientId,
              })}
            >
              {t('imaging.reconcile.link')}
            </Button>
          )}
        />
        <ListFooter
          total={studies.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          onPageSize={(size) => {
            setPageSize(size);
            setPage(1);
          }}
        />
      </QueryStates>
      <LinkStudyModal studyId={linking} onClose={() => setLinking(null)} />
    </Stack>
  );
}

type Resolution = 'kept-existing' | 'replaced';

function Conflicts() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const conflicts = useConflicts();
  const resolve = useResolveConflict();
  const [asking, setAsking] = useState<{ conflict: ImagingConflict; resolution: Resolution } | null>(null);
  const items = conflicts.data ?? [];

  const confirm = () => {
    if (!asking) return;
    resolve.mutate(
      { id: asking.conflict.id, resolution: asking.resolution },
      {
        onSuccess: () => {
          notify.success(t(`imaging.conflicts.done.${asking.resolution}`));
          setAsking(null);
        },
        onError: notify.error,
      },
    );
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="conflicts-title">
      <Stack gap={2}>
        <Title order={2} fz="h4" id="conflicts-title">
          {t('imaging.conflicts.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('imaging.conflicts.hint')}
        </Text>
      </Stack>
      <QueryStates
        query={conflicts}
        isEmpty={items.length === 0}
        empty={<Empty title={t('imaging.conflicts.empty')} />}
      >
        <DataTable
          minWidth={900}
          verticalSpacing="xs"
          head={
            <>
              <Table.Th>{t('imaging.conflicts.columns.instance')}</Table.Th>
              <Table.Th>{t('imaging.conflicts.columns.source')}</Table.Th>
              <Table.Th ta="right">{t('imaging.conflicts.columns.size')}</Table.Th>
              <Table.Th>{t('imaging.conflicts.columns.received')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </>
          }
        >
          {items.map((conflict) => (
            <Table.Tr key={conflict.id}>
              <Table.Td maw={360}>
                <Text size="xs" ff="monospace" className="break-anywhere">
                  {conflict.sopInstanceUid}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace" className="break-anywhere">
                  {t('imaging.conflicts.inStudy', { uid: conflict.studyUid })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color="gray">
                  {t(`imaging.conflicts.sources.${conflict.source}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right" className="nowrap">
                {formatBytes(conflict.size, i18n.language)}
              </Table.Td>
              <Table.Td className="nowrap">
                <DateTimeText value={conflict.receivedAt} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setAsking({ conflict, resolution: 'kept-existing' })}
                  >
                    {t('imaging.conflicts.keep')}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    color="orange"
                    onClick={() => setAsking({ conflict, resolution: 'replaced' })}
                  >
                    {t('imaging.conflicts.replace')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </QueryStates>
      <ConfirmModal
        opened={asking !== null}
        title={asking ? t(`imaging.conflicts.confirmTitle.${asking.resolution}`) : ''}
        message={asking ? t(`imaging.conflicts.confirmMessage.${asking.resolution}`) : ''}
        confirmLabel={asking ? t(`imaging.conflicts.confirmLabel.${asking.resolution}`) : ''}
        danger={asking?.resolution === 'replaced'}
        loading={resolve.isPending}
        onConfirm={confirm}
        onClose={() => setAsking(null)}
      />
    </Stack>
  );
}

/** Studies that reached no patient, to link; and files that clashed with stored ones, to decide. */
export function ReconcileTab() {
  return (
    <Stack gap="xl">
      <UnmatchedStudies />
      <Conflicts />
    </Stack>
  );
}

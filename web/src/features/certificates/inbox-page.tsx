import { type Certificate, PatientSchema } from '@carebase/contracts';
import {
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconCheck, IconChevronRight } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { api, pathOf } from '../../lib/api.ts';
import { patientKeys } from '../../lib/query-keys.ts';
import { ageInYears } from '../dental/dental-layout.ts';
import { CertificateDocument } from './certificate-document.tsx';
import { todayIn } from './certificate-rules.ts';
import { useCertificateInbox } from './certificates.queries.ts';
import { ApproveModal, RejectModal } from './review-modals.tsx';
import { useCertificateWords } from './use-certificate-words.ts';
import './certificates.css';

function PatientSummary({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const words = useCertificateWords();
  const patient = useQuery({
    queryKey: patientKeys.detail(patientId),
    queryFn: ({ signal }) => api.get(pathOf`/api/patients/${patientId}`, PatientSchema, { signal }),
  });
  if (patient.isPending) return <Skeleton h={92} radius="md" />;
  if (patient.isError) return <QueryError error={patient.error} onRetry={() => void patient.refetch()} />;
  const p = patient.data;
  const age = ageInYears(p.birthDate, todayIn(format.context.timeZone));
  const allergies = p.allergies.filter((a) => a.status === 'active');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('inbox.patient')}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          <Text fw={700}>{p.displayName}</Text>
          <Text size="sm" c="dimmed">
            {[
              p.mrn,
              t(`inbox.sex.${p.sex}`),
              age === null
                ? words.calendarDate(p.birthDate)
                : t('inbox.born', { date: words.calendarDate(p.birthDate), age }),
            ].join(' · ')}
          </Text>
        </Stack>
        <Button
          component={Link}
          to={`/patients/${encodeURIComponent(p.id)}/certificates`}
          variant="subtle"
          size="xs"
          rightSection={<IconChevronRight size={14} />}
        >
          {t('inbox.openChart')}
        </Button>
      </Group>
      <Group gap={6} mt="xs">
        <Text size="xs" c="dimmed">
          {t('inbox.allergies')}
        </Text>
        {allergies.length === 0 ? (
          <Text size="xs">{t('inbox.noAllergies')}</Text>
        ) : (
          allergies.map((a) => (
            <Badge key={a.id} color="red" variant="light" size="sm">
              {a.substance}
            </Badge>
          ))
        )}
      </Group>
    </Paper>
  );
}

function InboxItem({
  certificate,
  current,
  onSelect,
}: {
  certificate: Certificate;
  current: boolean;
  onSelect: () => void;
}) {
  const words = useCertificateWords();
  return (
    <UnstyledButton className="inbox-item" onClick={onSelect} aria-current={current ? 'true' : undefined}>
      <Text size="sm" fw={600} truncate="end">
        {certificate.patient.name}
      </Text>
      <Text size="sm" truncate="end">
        {words.title(certificate)}
      </Text>
      <Group gap={4} wrap="nowrap">
        <DateTimeText value={certificate.submittedAt} size="xs" c="dimmed" />
        {certificate.createdBy ? (
          <Text size="xs" c="dimmed" truncate="end">
            {`· ${certificate.createdBy.name}`}
          </Text>
        ) : null}
      </Group>
    </UnstyledButton>
  );
}

/** `/certificates/inbox`: submitted certificates, the longest waiting first, reviewed and signed in place. */
export function CertificatesInboxPage() {
  const { t } = useTranslation();
  const inbox = useCertificateInbox();
  const [search, setSearch] = useSearchParams();
  const [approving, setApproving] = useState<Certificate | null>(null);
  const [rejecting, setRejecting] = useState<Certificate | null>(null);
  const items = inbox.data?.items ?? [];
  const requested = search.get('id');
  const selected = items.find((c) => c.id === requested) ?? items[0] ?? null;

  const select = (id: string | null) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (id) next.set('id', id);
        else next.delete('id');
        return next;
      },
      { replace: true },
    );

  // When the certificate on screen leaves the inbox (approved here or elsewhere), the next one takes its place.
  const [lastIndex, setLastIndex] = useState(0);
  useEffect(() => {
    const index = items.findIndex((c) => c.id === selected?.id);
    if (index >= 0) setLastIndex(index);
  }, [items, selected?.id]);
  const afterReview = (done: Certificate) => {
    const rest = items.filter((c) => c.id !== done.id);
    select(rest[Math.min(lastIndex, rest.length - 1)]?.id ?? null);
  };

  let content: React.ReactNode;
  if (inbox.isPending) content = <Skeleton h={320} radius="md" />;
  else if (inbox.isError) content = <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />;
  else if (items.length === 0 || !selected)
    content = (
      <Paper withBorder radius="md">
        <Empty
          icon={<IconCheck size={28} />}
          title={t('inbox.empty')}
          description={t('inbox.emptyHint')}
          headingOrder={2}
        />
      </Paper>
    );
  else
    content = (
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder radius="md" p="xs" component="nav" aria-label={t('inbox.listLabel')}>
            <Text size="xs" c="dimmed" px="xs" py={4}>
              {t('inbox.waiting', { count: inbox.data?.total ?? items.length })}
              {(inbox.data?.total ?? 0) > items.length
                ? ` · ${t('inbox.showingFirst', { count: items.length })}`
                : ''}
            </Text>
            <ScrollArea.Autosize mah="70vh">
              <Stack gap={2}>
                {items.map((certificate) => (
                  <InboxItem
                    key={certificate.id}
                    certificate={certificate}
                    current={certificate.id === selected.id}
                    onSelect={() => select(certificate.id)}
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md" component="section" aria-labelledby="inbox-review-heading">
            <Group justify="space-between" align="center" gap="sm">
              <Title order={2} size="h4" id="inbox-review-heading">
                {t('inbox.review')}
              </Title>
              <Group gap="xs">
                <Button variant="light" color="red" onClick={() => setRejecting(selected)}>
                  {t('certificates.actions.reject')}
                </Button>
                <Button
                  color="teal"
                  leftSection={<IconCheck size={16} />}
                  onClick={() => setApproving(selected)}
                >
                  {t('certificates.actions.approve')}
                </Button>
              </Group>
            </Group>
            <PatientSummary patientId={selected.patient.id} />
            <CertificateDocument certificate={selected} />
          </Stack>
        </Grid.Col>
      </Grid>
    );

  return (
    <>
      <PageHeader title={t('inbox.title')} description={t('inbox.description')} />
      {content}
      <ApproveModal certificate={approving} onClose={() => setApproving(null)} onDone={afterReview} />
      <RejectModal certificate={rejecting} onClose={() => setRejecting(null)} onDone={afterReview} />
    </>
  );
}

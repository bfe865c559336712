import type { Certificate } from '@carebase/contracts';
import { Button, Group, Paper, Skeleton, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { CertificateCard } from './certificate-card.tsx';
import { CertificateFormModal } from './certificate-form-modal.tsx';
import { usePatientCertificates } from './certificates.queries.ts';
import { ApproveModal, RejectModal } from './review-modals.tsx';

/** The certificates tab of the patient chart: list, drafting, review and PDFs. */
export function CertificatesTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canDraft = hasPermission(me, 'certificates:draft');
  const certificates = usePatientCertificates(patientId);
  const [editing, setEditing] = useState<Certificate | null>(null);
  const [creating, setCreating] = useState(false);
  const [approving, setApproving] = useState<Certificate | null>(null);
  const [rejecting, setRejecting] = useState<Certificate | null>(null);

  let content: React.ReactNode;
  if (certificates.isPending) content = <Skeleton h={140} radius="md" />;
  else if (certificates.isError)
    content = <QueryError error={certificates.error} onRetry={() => void certificates.refetch()} />;
  else if (certificates.data.items.length === 0)
    content = (
      <Paper withBorder radius="md">
        <Empty
          title={t('certificates.empty')}
          description={canDraft ? t('certificates.emptyHint') : undefined}
          headingOrder={3}
        />
      </Paper>
    );
  else
    content = (
      <Stack gap="sm">
        {certificates.data.items.map((certificate) => (
          <CertificateCard
            key={certificate.id}
            certificate={certificate}
            onEdit={setEditing}
            onApprove={setApproving}
            onReject={setRejecting}
          />
        ))}
      </Stack>
    );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('certificates.title')}
        </Title>
        {canDraft ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('certificates.create')}
          </Button>
        ) : null}
      </Group>
      {content}
      <CertificateFormModal
        patientId={patientId}
        opened={creating || editing !== null}
        certificate={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ApproveModal certificate={approving} onClose={() => setApproving(null)} />
      <RejectModal certificate={rejecting} onClose={() => setRejecting(null)} />
    </Stack>
  );
}

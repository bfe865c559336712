import type { Certificate } from '@carebase/contracts';
import { Alert, Anchor, Button, Collapse, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyIconButton } from '../../components/copy-value.tsx';
import { IconChevronDown, IconChevronUp, IconExternal } from '../../components/icons.tsx';
import { PdfLink } from '../../components/pdf-link.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { CertificateDocument, CertificateStatusBadge } from './certificate-document.tsx';
import { certificateActions, displayVerificationCode } from './certificate-rules.ts';
import { certificatePdfUrl, useSubmitCertificate, verifyPageUrl } from './certificates.queries.ts';
import { useCertificateWords } from './use-certificate-words.ts';

/** Who did what last, in one line: drafted, submitted, approved, issued, rejected or revoked. */
function useHistoryLine() {
  const { t } = useTranslation();
  const words = useCertificateWords();
  return (c: Certificate): string => {
    switch (c.status) {
      case 'draft':
        return c.createdBy
          ? t('certificates.line.draftBy', { name: c.createdBy.name, date: words.dateTime(c.updatedAt) })
          : t('certificates.line.draft', { date: words.dateTime(c.updatedAt) });
      case 'submitted':
        return t('certificates.line.submitted', { date: words.dateTime(c.submittedAt) });
      case 'approved':
        return t('certificates.line.approved', {
          name: c.approvedBy?.name ?? '',
          date: words.dateTime(c.approvedAt),
        });
      case 'issued':
        return t('certificates.line.issued', {
          name: c.approvedBy?.name ?? '',
          date: words.dateTime(c.issuedAt),
        });
      case 'rejected':
        return t('certificates.line.rejected', {
          name: c.rejectedBy?.name ?? '',
          date: words.dateTime(c.rejectedAt),
        });
      case 'revoked':
        return t('certificates.line.revoked', { date: words.dateTime(c.revokedAt) });
    }
  };
}

export interface CertificateCardProps {
  certificate: Certificate;
  onEdit: (certificate: Certificate) => void;
  onApprove: (certificate: Certificate) => void;
  onReject: (certificate: Certificate) => void;
}

/** One certificate in the patient's list, with the actions its status allows to this user. */
export function CertificateCard({ certificate, onEdit, onApprove, onReject }: CertificateCardProps) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const notify = useNotify();
  const words = useCertificateWords();
  const historyLine = useHistoryLine();
  const submit = useSubmitCertificate();
  const headingId = useId();
  const previewId = useId();
  const [expanded, setExpanded] = useState(false);
  const actions = certificateActions(certificate.status, me.permissions);
  const period = words.period(certificate);
  const code = certificate.verificationCode;

  const send = () =>
    submit.mutate(certificate.id, {
      onSuccess: () => notify.success(t('certificates.submitted')),
      onError: notify.error,
    });

  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
          <Group gap="xs" wrap="wrap">
            <Title order={4} id={headingId} size="h5">
              {words.title(certificate)}
            </Title>
            <CertificateStatusBadge status={certificate.status} />
          </Group>
          <Text size="xs" c="dimmed">
            {certificate.number ? `${certificate.number} · ` : ''}
            {historyLine(certificate)}
          </Text>
          {certificate.status !== 'draft' && certificate.createdBy ? (
            <Text size="xs" c="dimmed">
              {t('certificates.draftedBy', { name: certificate.createdBy.name })}
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs" wrap="wrap">
          {actions.includes('edit') ? (
            <Button size="xs" variant="default" onClick={() => onEdit(certificate)}>
              {t('certificates.actions.edit')}
            </Button>
          ) : null}
          {actions.includes('submit') ? (
            <Button size="xs" onClick={send} loading={submit.isPending}>
              {t('certificates.actions.submit')}
            </Button>
          ) : null}
          {actions.includes('reject') ? (
            <Button size="xs" variant="light" color="red" onClick={() => onReject(certificate)}>
              {t('certificates.actions.reject')}
            </Button>
          ) : null}
          {actions.includes('approve') ? (
            <Button size="xs" color="teal" onClick={() => onApprove(certificate)}>
              {t('certificates.actions.approve')}
            </Button>
          ) : null}
          {actions.includes('resubmit') ? (
            <Button size="xs" variant="light" onClick={() => onEdit(certificate)}>
              {t('certificates.actions.resubmit')}
            </Button>
          ) : null}
          {actions.includes('download') ? (
            <PdfLink
              href={certificatePdfUrl(certificate.id, i18n.language)}
              label={t('certificates.actions.download')}
              variant="filled"
            />
          ) : null}
        </Group>
      </Group>

      <Text size="sm" mt="sm" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
        {certificate.findings}
      </Text>
      {period ? (
        <Text size="sm" fw={500} mt={4}>
          {period}
        </Text>
      ) : null}

      {certificate.status === 'rejected' && certificate.rejectionReason ? (
        <Alert color="red" variant="light" mt="sm" title={t('certificates.rejectedBecause')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {certificate.rejectionReason}
          </Text>
        </Alert>
      ) : null}
      {certificate.status === 'revoked' && certificate.revocationReason ? (
        <Alert color="orange" variant="light" mt="sm" title={t('certificates.revokedBecause')}>
          {certificate.revocationReason}
        </Alert>
      ) : null}

      {code && (certificate.status === 'approved' || certificate.status === 'issued') ? (
        <Group gap="xs" mt="sm" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('certificates.verificationCode')}
          </Text>
          <Text size="sm" fw={700} className="certificate-code" data-testid="verification-code">
            {displayVerificationCode(code)}
          </Text>
          <CopyIconButton value={displayVerificationCode(code)} label={t('certificates.copyCode')} />
          <Anchor href={verifyPageUrl(code, i18n.language)} target="_blank" rel="noopener" size="sm" inline>
            <Group gap={4} component="span" wrap="nowrap">
              {t('certificates.openVerifyPage')}
              <IconExternal size={14} />
            </Group>
          </Anchor>
        </Group>
      ) : null}

      <Button
        variant="subtle"
        size="compact-sm"
        mt="sm"
        color="gray"
        onClick={() => setExpanded((open) => !open)}
        aria-expanded={expanded}
        aria-controls={previewId}
        rightSection={expanded ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
      >
        {expanded ? t('certificates.hidePreview') : t('certificates.showPreview')}
      </Button>
      <Collapse expanded={expanded} id={previewId}>
        <div style={{ paddingTop: 12 }}>
          {expanded ? <CertificateDocument certificate={certificate} /> : null}
        </div>
      </Collapse>
    </Paper>
  );
}

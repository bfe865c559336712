import type { Certificate } from '@carebase/contracts';
import { Badge, Box, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePublicSettings } from '../settings/settings.queries.ts';
import { displayVerificationCode, STATUS_COLORS } from './certificate-rules.ts';
import { useCertificateWords } from './use-certificate-words.ts';
import './certificates.css';

/** A status as a coloured badge. */
export function CertificateStatusBadge({ status }: { status: Certificate['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`certificates.statuses.${status}`)}
    </Badge>
  );
}

/**
 * The certificate laid out like the sheet that will be printed: letterhead, patient, findings, recommendation,
 * period, and the signature block (the approving doctor, or what it still waits for, and who drafted it).
 */
export function CertificateDocument({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const words = useCertificateWords();
  const { data: clinic } = usePublicSettings();
  const period = words.period(certificate);
  const signed =
    certificate.approvedBy &&
    (certificate.status === 'approved' ||
      certificate.status === 'issued' ||
      certificate.status === 'revoked');

  return (
    <Paper
      className="certificate-sheet"
      radius="sm"
      p={{ base: 'md', sm: 'xl' }}
      aria-label={t('certificates.preview')}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={0}>
          <Text fw={700} size="sm" c="teal.8">
            {clinic?.clinicName ?? t('common.appName')}
          </Text>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.06em' }}>
            {t('certificates.documentKind')}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end">
          <CertificateStatusBadge status={certificate.status} />
          {certificate.number ? (
            <Text size="xs" c="dimmed" className="tabular-nums">
              {certificate.number}
            </Text>
          ) : null}
        </Stack>
      </Group>

      <Title order={3} size="h3" ta="center" mt="lg" mb="md" className="certificate-title">
        {words.title(certificate)}
      </Title>

      <Text size="sm">
        {t('certificates.certifyThat')}{' '}
        <Text span fw={700}>
          {certificate.patient.name}
        </Text>{' '}
        <Text span c="dimmed" size="xs">
          ({certificate.patient.mrn})
        </Text>
      </Text>

      <Stack gap={4} mt="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('certificates.fields.findings')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {certificate.findings}
        </Text>
      </Stack>
      {certificate.recommendation ? (
        <Stack gap={4} mt="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('certificates.fields.recommendation')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {certificate.recommendation}
          </Text>
        </Stack>
      ) : null}
      {period ? (
        <Box mt="md" className="certificate-period">
          <Text size="sm" fw={600}>
            {period}
          </Text>
        </Box>
      ) : null}

      <Divider my="lg" />
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={2}>
          {signed && certificate.approvedBy ? (
            <>
              <Text size="sm" fw={600}>
                {certificate.approvedBy.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t('certificates.licence', { number: certificate.approvedBy.licenceNumber })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('certificates.approvedOn', { date: words.dateTime(certificate.approvedAt) })}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed" fs="italic">
              {t(
                certificate.status === 'rejected'
                  ? 'certificates.notSignedRejected'
                  : 'certificates.notSigned',
              )}
            </Text>
          )}
          {certificate.createdBy ? (
            <Text size="xs" c="dimmed" data-testid="drafted-by">
              {t('certificates.draftedBy', { name: certificate.createdBy.name })}
            </Text>
          ) : null}
        </Stack>
        {certificate.verificationCode ? (
          <Stack gap={0} align="flex-end">
            <Text size="xs" c="dimmed">
              {t('certificates.verificationCode')}
            </Text>
            <Text size="sm" fw={700} className="certificate-code">
              {displayVerificationCode(certificate.verificationCode)}
            </Text>
          </Stack>
        ) : null}
      </Group>
    </Paper>
  );
}

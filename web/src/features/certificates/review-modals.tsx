import type { Certificate } from '@carebase/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useLastDefined } from '../../components/use-last-defined.ts';
import { useApproveCertificate, useRejectCertificate } from './certificates.queries.ts';
import { useCertificateWords } from './use-certificate-words.ts';

interface ReviewModalProps {
  certificate: Certificate | null;
  onClose: () => void;
  onDone?: (certificate: Certificate) => void;
}

/** Approving signs the certificate with the doctor's name and licence: asked once more. */
export function ApproveModal({ certificate: openFor, onClose, onDone }: ReviewModalProps) {
  const certificate = useLastDefined(openFor);
  const { t } = useTranslation();
  const notify = useNotify();
  const words = useCertificateWords();
  const approve = useApproveCertificate();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new certificate starts afresh
  useEffect(() => approve.reset(), [openFor?.id]);

  const confirm = () => {
    if (!certificate) return;
    approve.mutate(certificate.id, {
      onSuccess: (saved) => {
        notify.success(t('certificates.approved', { number: saved.number ?? '' }));
        onDone?.(saved);
        onClose();
      },
    });
  };

  return (
    <Modal opened={openFor !== null} onClose={onClose} title={t('certificates.approveTitle')} centered>
      {certificate ? (
        <Stack>
          <Text size="sm">
            {t('certificates.approveConfirm', {
              title: words.title(certificate),
              patient: certificate.patient.name,
            })}
          </Text>
          {approve.error ? <FormError error={approve.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button color="teal" loading={approve.isPending} onClick={confirm} data-autofocus>
              {t('certificates.actions.approveAndSign')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** Rejecting sends the certificate back to whoever drafted it, with the reason (required). */
export function RejectModal({ certificate: openFor, onClose, onDone }: ReviewModalProps) {
  const serverError = useFieldErrorText();
  const certificate = useLastDefined(openFor);
  const { t } = useTranslation();
  const notify = useNotify();
  const reject = useRejectCertificate();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new certificate starts afresh
  useEffect(() => {
    setReason('');
    setTouched(false);
    reject.reset();
  }, [openFor?.id]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!certificate || !reason.trim()) return;
    reject.mutate(
      { id: certificate.id, reason: reason.trim() },
      {
        onSuccess: (saved) => {
          notify.success(t('certificates.rejected'));
          onDone?.(saved);
          onClose();
        },
      },
    );
  };

  const error =
    touched && !reason.trim() ? t('certificates.reasonRequired') : serverError(reject.error, 'reason');

  return (
    <Modal opened={openFor !== null} onClose={onClose} title={t('certificates.rejectTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Textarea
            label={t('certificates.fields.reason')}
            description={t('certificates.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            autosize
            minRows={3}
            maxLength={1000}
            data-autofocus
            error={error}
          />
          {reject.error && !serverError(reject.error, 'reason') ? <FormError error={reject.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={reject.isPending}>
              {t('certificates.actions.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

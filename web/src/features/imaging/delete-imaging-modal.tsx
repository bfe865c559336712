import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText } from '../../components/use-error-message.ts';
import { hasFieldErrorFor } from '../../lib/api.ts';

interface DeleteImagingModalProps {
  opened: boolean;
  title: string;
  message: string;
  loading: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** Asks why before deleting a study or a series: the reason is required and goes to the audit trail. */
export function DeleteImagingModal(props: DeleteImagingModalProps) {
  const { t } = useTranslation();
  const serverError = useFieldErrorText();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (props.opened) {
      setReason('');
      setProblem(null);
    }
  }, [props.opened]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setProblem(t('imaging.delete.reasonTooShort'));
      return;
    }
    setProblem(null);
    props.onConfirm(reason.trim());
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{props.message}</Text>
          {hasFieldErrorFor(props.error, ['reason']) ? null : <FormError error={props.error} />}
          <Textarea
            label={t('imaging.delete.reason')}
            description={t('imaging.delete.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={problem ?? serverError(props.error, 'reason')}
            required
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={props.loading}>
              {t('imaging.delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

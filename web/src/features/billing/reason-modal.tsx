import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';

interface ReasonModalProps {
  opened: boolean;
  title: string;
  submitLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  /** Fields above the reason (the refund's amount and method). */
  children?: ReactNode;
  onClose: () => void;
  onSubmit: (reason: string) => void;
}

/** A dialog that asks why (voiding, refunding) before it acts. */
export function ReasonModal(props: ReasonModalProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) props.onSubmit(reason.trim());
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      <Stack gap="sm" component="form" onSubmit={submit}>
        {props.children}
        <Textarea
          label={t('billing.invoices.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          autosize
          minRows={2}
          data-autofocus
        />
        <FormError error={props.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color={props.danger ? 'red' : undefined}
            loading={props.pending}
            disabled={!reason.trim()}
          >
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import type { QueueDepartment, QueueTicket } from '@carebase/contracts';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useQueueProviders, useTransfer } from './queue.queries.ts';

/** Back to waiting for another provider, optionally in another department; the arrival time is kept. */
export function TransferModal({
  ticket,
  departments,
  onClose,
}: {
  ticket: QueueTicket;
  departments: readonly QueueDepartment[];
  onClose: () => void;
}) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const providers = useQueueProviders();
  const transfer = useTransfer();
  const [providerId, setProviderId] = useState<string | null>(null);
  const [departmentKey, setDepartmentKey] = useState(ticket.departmentKey);
  const [missing, setMissing] = useState(false);
  const options = (providers.data?.items ?? []).filter((p) => p.id !== ticket.providerId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!providerId) {
      setMissing(true);
      return;
    }
    const name = options.find((p) => p.id === providerId)?.name ?? '';
    transfer.mutate(
      { id: ticket.id, body: { providerId, departmentKey } },
      {
        onSuccess: (moved) => {
          notify.success(t('queue.transfer.done', { ticket: moved.ticket, name }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('queue.transfer.title', { ticket: ticket.ticket })} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" fw={500}>
            {ticket.patientName} · {ticket.mrn}
          </Text>
          <Select
            label={t('queue.transfer.provider')}
            required
            searchable
            value={providerId}
            onChange={(value) => {
              setProviderId(value);
              setMissing(false);
            }}
            data={options.map((p) => ({ value: p.id, label: p.name }))}
            error={missing ? t('validation.required') : serverError(transfer.error, 'providerId')}
            data-autofocus
          />
          <Select
            label={t('queue.transfer.department')}
            value={departmentKey}
            onChange={(value) => setDepartmentKey(value ?? ticket.departmentKey)}
            data={departments.map((d) => ({ value: d.key, label: d.name }))}
            allowDeselect={false}
            error={serverError(transfer.error, 'departmentKey')}
          />
          <FormError error={transfer.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={transfer.isPending}>
              {t('queue.transfer.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { CLAIM_TRANSITIONS, type ClaimStatus, type Invoice } from '@carebase/contracts';
import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../components/money-input.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useClaim, useMoveClaim } from './claims.queries.ts';

const COLORS: Record<ClaimStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'teal',
  partially_paid: 'yellow',
  paid: 'green',
  denied: 'red',
};

/** The claim to the payer for the invoice's payer part, and the next steps it may take. */
export function ClaimPanel({ invoice, canWrite }: { invoice: Invoice; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const claim = useClaim(invoice.id, invoice.payerMinor > 0 && invoice.number !== null).data;
  const [step, setStep] = useState<ClaimStatus | null>(null);
  if (!claim) return null;
  const figure = (label: string, minor: number | null) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{minor === null ? '—' : format.money(minor)}</Text>
    </Stack>
  );
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('billing.claims.title')}>
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Title order={2} fz="h4">
            {t('billing.claims.title')}
          </Title>
          <Badge color={COLORS[claim.status]} variant="light">
            {t(`billing.claims.statuses.${claim.status}`)}
          </Badge>
        </Group>
        <Text size="sm" fw={600}>
          {claim.payerName}
          {claim.reference ? ` · ${claim.reference}` : ''}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 3 }} spacing="sm" mb="sm">
        {figure(t('billing.claims.claimed'), claim.claimedMinor)}
        {figure(t('billing.claims.approved'), claim.approvedMinor)}
        {figure(t('billing.claims.paid'), claim.paidMinor)}
      </SimpleGrid>
      {canWrite && CLAIM_TRANSITIONS[claim.status].length > 0 ? (
        <Group gap="xs">
          {CLAIM_TRANSITIONS[claim.status].map((next) => (
            <Button key={next} size="xs" variant="default" onClick={() => setStep(next)}>
              {t(`billing.claims.moveTo.${next}`)}
            </Button>
          ))}
        </Group>
      ) : null}
      {step ? <ClaimStepModal invoiceId={invoice.id} status={step} onClose={() => setStep(null)} /> : null}
    </Paper>
  );
}

function ClaimStepModal({
  invoiceId,
  status,
  onClose,
}: {
  invoiceId: string;
  status: ClaimStatus;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const move = useMoveClaim(invoiceId);
  const [amount, setAmount] = useState<number | ''>('');
  const [reference, setReference] = useState('');
  const amountField =
    status === 'approved' ? 'approvedMinor' : status === 'partially_paid' ? 'paidMinor' : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate(
      {
        status,
        ...(amountField && amount !== '' ? { [amountField]: amount } : {}),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t(`billing.claims.moveTo.${status}`)}>
      <Stack gap="sm" component="form" onSubmit={submit}>
        {amountField ? (
          <MoneyInput
            label={t(`billing.claims.${amountField === 'approvedMinor' ? 'approvedAmount' : 'paidAmount'}`)}
            value={amount}
            onChange={setAmount}
            required
            data-autofocus
          />
        ) : null}
        {status === 'submitted' ? (
          <TextInput
            label={t('billing.claims.reference')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            maxLength={100}
          />
        ) : null}
        <FormError error={move.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={move.isPending}>
            {t('billing.claims.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

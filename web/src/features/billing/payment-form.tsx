import { PAYMENT_METHODS, type Payment, type PaymentMethod } from '@carebase/contracts';
import { Button, Checkbox, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../components/money-input.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useTakePayment } from './invoices.queries.ts';

interface PaymentFormProps {
  patientId: string;
  invoiceId: string;
  balanceMinor: number;
  onPaid: (payment: Payment) => void;
}

/** Take one payment on an invoice: the method, the amount (the balance by default), and for cash the change. */
export function PaymentForm({ patientId, invoiceId, balanceMinor, onPaid }: PaymentFormProps) {
  const { t } = useTranslation();
  const { money } = useFormatters();
  const narrow = useMediaQuery('(max-width: 40em)');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState<number | ''>(balanceMinor);
  const [tendered, setTendered] = useState<number | ''>('');
  const [last4, setLast4] = useState('');
  const [reference, setReference] = useState('');
  const [deposit, setDeposit] = useState(false);
  const pay = useTakePayment();
  const change = method === 'cash' && amount !== '' && tendered !== '' ? tendered - amount : null;
  const over = amount !== '' && amount > balanceMinor;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (amount === '' || amount <= 0) return;
    pay.mutate(
      {
        patientId,
        method,
        amountMinor: amount,
        invoiceIds: [invoiceId],
        deposit,
        ...(method === 'cash' && tendered !== '' ? { tenderedMinor: tendered } : {}),
        ...(method === 'card' && last4 ? { cardLast4: last4 } : {}),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
      },
      {
        onSuccess: (payment) => {
          onPaid(payment);
          const rest = Math.max(0, balanceMinor - payment.amountMinor);
          setAmount(rest);
          setTendered('');
          setLast4('');
          setReference('');
          setDeposit(false);
        },
      },
    );
  };

  return (
    <Stack gap="sm" component="form" onSubmit={submit} aria-label={t('billing.cashier.takePayment')}>
      <Text size="sm" fw={600} id="payment-method-label">
        {t('billing.cashier.method')}
      </Text>
      <SegmentedControl
        aria-labelledby="payment-method-label"
        orientation={narrow ? 'vertical' : 'horizontal'}
        fullWidth
        value={method}
        onChange={(value) => setMethod(value as PaymentMethod)}
        data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`billing.invoices.methods.${m}`) }))}
      />
      <Group gap="sm" align="flex-start" wrap="wrap">
        <MoneyInput
          label={t('billing.cashier.amount')}
          value={amount}
          onChange={setAmount}
          w={180}
          required
          error={
            over && !deposit ? t('billing.cashier.moreThanOwed', { balance: money(balanceMinor) }) : undefined
          }
        />
        {method === 'cash' ? (
          <MoneyInput label={t('billing.cashier.tendered')} value={tendered} onChange={setTendered} w={180} />
        ) : null}
        {method === 'card' ? (
          <TextInput
            label={t('billing.cashier.cardLast4')}
            value={last4}
            onChange={(e) => setLast4(e.currentTarget.value.replace(/\D/g, '').slice(0, 4))}
            inputMode="numeric"
            w={140}
          />
        ) : null}
        {method !== 'cash' ? (
          <TextInput
            label={t('billing.cashier.reference')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            w={200}
          />
        ) : null}
      </Group>
      {change !== null ? (
        <Text size="lg" fw={700} c={change < 0 ? 'red' : 'teal'} aria-live="polite" data-testid="change-due">
          {change < 0
            ? t('billing.cashier.tenderedShort', { amount: money(-change) })
            : t('billing.cashier.change', { amount: money(change) })}
        </Text>
      ) : null}
      <Checkbox
        label={t('billing.cashier.depositRest')}
        checked={deposit}
        onChange={(e) => setDeposit(e.currentTarget.checked)}
      />
      <FormError error={pay.error} />
      <Group>
        <Button
          type="submit"
          loading={pay.isPending}
          disabled={amount === '' || amount <= 0 || (change ?? 0) < 0}
        >
          {t('billing.cashier.record', { amount: amount === '' ? '' : money(amount) })}
        </Button>
      </Group>
    </Stack>
  );
}

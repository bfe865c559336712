import { type Invoice, PAYMENT_METHODS, type PaymentMethod } from '@carebase/contracts';
import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../components/money-input.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useRefund } from './invoices.queries.ts';
import { ReasonModal } from './reason-modal.tsx';

/** Give money back on a paid invoice as a credit note: how much, how, and why. */
export function RefundModal({
  invoice,
  opened,
  onClose,
}: {
  invoice: Invoice;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { money } = useFormatters();
  const notify = useNotify();
  const refund = useRefund();
  const refundable = invoice.paidMinor - invoice.refundedMinor;
  const [amount, setAmount] = useState<number | ''>(refundable);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  return (
    <ReasonModal
      opened={opened}
      title={t('billing.invoices.refundTitle', { number: invoice.number ?? '' })}
      submitLabel={t('billing.invoices.refund')}
      pending={refund.isPending}
      error={refund.error}
      onClose={onClose}
      onSubmit={(reason) => {
        if (amount === '' || amount <= 0) return;
        refund.mutate(
          { invoiceId: invoice.id, amountMinor: amount, method, reason },
          {
            onSuccess: () => {
              notify.success(t('billing.invoices.refundDone', { amount: money(amount) }));
              onClose();
            },
          },
        );
      }}
    >
      <MoneyInput
        label={t('billing.invoices.refundAmount')}
        description={t('billing.invoices.refundable', { amount: money(refundable) })}
        value={amount}
        onChange={setAmount}
        required
      />
      <Select
        label={t('billing.cashier.method')}
        data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`billing.invoices.methods.${m}`) }))}
        value={method}
        onChange={(v) => v && setMethod(v as PaymentMethod)}
        allowDeselect={false}
      />
    </ReasonModal>
  );
}

import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useApplyCredit, usePatientAccount } from './invoices.queries.ts';

/** What the patient has on account, and applying it to this invoice (up to what the invoice still owes). */
export function CreditOnAccount({
  patientId,
  invoiceId,
  balanceMinor,
  canApply,
}: {
  patientId: string;
  invoiceId: string | null;
  balanceMinor: number;
  canApply: boolean;
}) {
  const { t } = useTranslation();
  const { money } = useFormatters();
  const account = usePatientAccount(patientId);
  const apply = useApplyCredit();
  const notify = useNotify();
  const credit = account.data?.creditMinor ?? 0;
  if (!account.data) return null;
  const amount = Math.min(credit, balanceMinor);
  return (
    <Group gap="sm" justify="space-between" wrap="wrap">
      <Text size="sm">
        {t('billing.cashier.owed', { amount: money(account.data.owedMinor) })} ·{' '}
        {t('billing.cashier.credit', { amount: money(credit) })}
      </Text>
      {canApply && invoiceId && amount > 0 ? (
        <Button
          size="xs"
          variant="light"
          loading={apply.isPending}
          onClick={() =>
            apply.mutate(
              { invoiceId, amountMinor: amount },
              {
                onSuccess: () =>
                  notify.success(t('billing.cashier.creditApplied', { amount: money(amount) })),
                onError: notify.error,
              },
            )
          }
        >
          {t('billing.cashier.applyCredit', { amount: money(amount) })}
        </Button>
      ) : null}
    </Group>
  );
}

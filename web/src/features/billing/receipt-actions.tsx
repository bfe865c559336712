import type { Payment } from '@carebase/contracts';
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconMail } from '../../components/icons.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { receiptPdfUrl, useEmailDocument } from './invoices.queries.ts';

/** One payment taken: print its receipt on A4 or an 80 mm slip (opened in a new tab), or email it. */
export function ReceiptActions({ payment }: { payment: Payment }) {
  const { t, i18n } = useTranslation();
  const { money } = useFormatters();
  const email = useEmailDocument();
  const notify = useNotify();
  return (
    <Group gap="xs" justify="space-between" wrap="wrap">
      <Text size="sm">
        {payment.number} · {t(`billing.invoices.methods.${payment.method}`)} · {money(payment.amountMinor)}
        {payment.changeMinor
          ? ` · ${t('billing.cashier.change', { amount: money(payment.changeMinor) })}`
          : ''}
      </Text>
      <Group gap="xs">
        {(['a4', '80mm'] as const).map((format) => (
          <Button
            key={format}
            component="a"
            href={receiptPdfUrl(payment.id, format, i18n.language)}
            target="_blank"
            rel="noopener"
            size="xs"
            variant="default"
          >
            {t(`billing.cashier.receipt.${format}`)}
          </Button>
        ))}
        <Button
          size="xs"
          variant="default"
          leftSection={<IconMail size={14} />}
          loading={email.isPending}
          onClick={() =>
            email.mutate(
              { paymentId: payment.id },
              {
                onSuccess: ({ to }) => notify.success(t('billing.cashier.emailQueued', { to })),
                onError: notify.error,
              },
            )
          }
        >
          {t('billing.cashier.emailReceipt')}
        </Button>
      </Group>
    </Group>
  );
}

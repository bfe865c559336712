import type { Invoice, InvoiceLineInput } from '@carebase/contracts';
import { Alert, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { usePatient } from '../patients/patients.queries.ts';
import { useProviders } from '../scheduling/scheduling.queries.ts';
import { usePriceList } from './billing.queries.ts';
import { useDiscountKinds } from './discount-kinds.queries.ts';
import { DiscountPicker } from './discount-picker.tsx';
import { inputOf, linesWith } from './draft-inputs.ts';
import { DraftLineRow } from './draft-line-row.tsx';
import { InvoiceTotals } from './invoice-totals.tsx';
import { useUpdateInvoice } from './invoices.queries.ts';
import { itemName } from './price-format.ts';

/**
 * The lines and discounts of a draft. Every change is saved at once and the totals shown are the server's
 * answer, so what the cashier sees is what will be issued.
 */
export function DraftEditor({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const language = format.context.language;
  const items = usePriceList({ active: 'true' });
  const kinds = (useDiscountKinds().data ?? []).filter((k) => k.active);
  const doctors = (useProviders().data ?? []).map((p) => ({ value: p.id, label: p.name }));
  const update = useUpdateInvoice();
  const payerName = usePatient(invoice.patientId).data?.payer?.name ?? null;
  const [adding, setAdding] = useState<string | null>(null);

  const saveLines = (lines: InvoiceLineInput[]) => update.mutate({ id: invoice.id, patch: { lines } });
  const addItem = (priceItemId: string | null) => {
    setAdding(null);
    if (!priceItemId) return;
    const current = invoice.lines.flatMap((l) => {
      const input = inputOf(l);
      return input ? [input] : [];
    });
    saveLines([...current, { priceItemId, quantity: 1, providerId: null, discount: null, payerMinor: 0 }]);
  };

  return (
    <Stack gap="md">
      {invoice.lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.cashier.noLines')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" className="plain-list" aria-label={t('billing.cashier.lines')}>
          {invoice.lines.map((line, index) => (
            <DraftLineRow
              // The key changes with what the server saved, so the row's typed fields start from it again.
              key={`${line.id}:${line.quantity}:${line.discount?.kindId ?? ''}:${line.payerMinor}`}
              line={line}
              kinds={kinds.filter((k) => k.appliesTo !== 'invoice')}
              doctors={doctors}
              payerName={payerName}
              disabled={update.isPending}
              onChange={(next) => saveLines(linesWith(invoice, index, next))}
            />
          ))}
        </Stack>
      )}
      <Select
        label={t('billing.cashier.addItem')}
        placeholder={t('billing.cashier.addItemPlaceholder')}
        searchable
        data={(items.data ?? []).map((item) => ({
          value: item.id,
          label: `${item.code} · ${itemName(item, language)} · ${format.money(item.priceMinor)}`,
        }))}
        value={adding}
        onChange={addItem}
        nothingFoundMessage={t('billing.cashier.noItemFound')}
        disabled={update.isPending}
        maw={520}
      />
      <Group justify="space-between" align="flex-start" gap="lg" wrap="wrap">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <DiscountPicker
            key={invoice.discount?.kindId ?? 'none'}
            label={t('billing.cashier.invoiceDiscount')}
            kinds={kinds.filter((k) => k.appliesTo !== 'line')}
            saved={invoice.discount}
            disabled={update.isPending}
            onSave={(discount) => update.mutate({ id: invoice.id, patch: { discount } })}
          />
        </Group>
        <InvoiceTotals invoice={invoice} />
      </Group>
      {update.isError ? <FormError error={update.error} /> : null}
      {invoice.lines.some((l) => !l.priceItemId) ? (
        <Alert color="yellow">{t('billing.cashier.unpricedLine')}</Alert>
      ) : null}
    </Stack>
  );
}

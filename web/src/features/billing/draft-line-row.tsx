import type { DiscountKind, InvoiceLine, InvoiceLineInput } from '@carebase/contracts';
import { ActionIcon, Group, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../components/money-input.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { DiscountPicker } from './discount-picker.tsx';
import { inputOf } from './draft-inputs.ts';

interface DraftLineRowProps {
  line: InvoiceLine;
  kinds: readonly DiscountKind[];
  doctors: readonly { value: string; label: string }[];
  disabled: boolean;
  /** The patient's insurer or other payer, when they have one: the line's part it covers can be set. */
  payerName: string | null;
  onChange: (next: InvoiceLineInput | null) => void;
}

/** One line of a draft: quantity, the doctor who earns the share, a discount and its reason; the server prices it. */
export function DraftLineRow({ line, kinds, doctors, disabled, payerName, onChange }: DraftLineRowProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [quantity, setQuantity] = useState<number | string>(line.quantity);
  const [covered, setCovered] = useState<number | ''>(line.payerMinor);
  const base = inputOf(line);
  if (!base) return null;
  const save = (patch: Partial<InvoiceLineInput>) => onChange({ ...base, ...patch });
  const commitQuantity = () => {
    const n = Number(quantity);
    if (Number.isInteger(n) && n >= 1 && n !== line.quantity) save({ quantity: n });
  };
  const label = line.description;

  return (
    <Paper withBorder p="sm" radius="sm" component="li" aria-label={label}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {label}
            </Text>
            <Text size="xs" c="dimmed">
              {line.code} · {format.money(line.unitPriceMinor)}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {format.money(line.totalMinor)}
            </Text>
            <ActionIcon
              variant="subtle"
              color="red"
              disabled={disabled}
              aria-label={t('billing.cashier.removeLine', { name: label })}
              onClick={() => onChange(null)}
            >
              ×
            </ActionIcon>
          </Group>
        </Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NumberInput
            label={t('billing.invoices.quantity')}
            w={90}
            min={1}
            allowDecimal={false}
            value={quantity}
            onChange={setQuantity}
            onBlur={commitQuantity}
            onKeyDown={(e) => e.key === 'Enter' && commitQuantity()}
            disabled={disabled}
          />
          <Select
            label={t('billing.invoices.doctor')}
            placeholder={t('billing.cashier.clinicOnly')}
            data={[...doctors]}
            value={line.providerId}
            onChange={(providerId) => save({ providerId })}
            clearable
            disabled={disabled}
            w={200}
          />
          <DiscountPicker
            label={t('billing.cashier.lineDiscount')}
            kinds={kinds}
            saved={line.discount}
            disabled={disabled}
            onSave={(discount) => save({ discount })}
          />
          {payerName ? (
            <MoneyInput
              label={t('billing.claims.coveredBy', { payer: payerName })}
              value={covered}
              onChange={setCovered}
              onBlur={() => covered !== '' && covered !== line.payerMinor && save({ payerMinor: covered })}
              disabled={disabled}
              w={170}
            />
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

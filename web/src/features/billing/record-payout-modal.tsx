import {
  type DoctorBalance,
  MONEY_MAX_MINOR,
  PAYMENT_METHODS,
  type PaymentMethod,
} from '@carebase/contracts';
import { Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import { MoneyInput } from '../../components/money-input.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useRecordPayout } from './payouts.queries.ts';

type Values = {
  providerId: string | null;
  amountMinor: number | '';
  method: PaymentMethod;
  reference: string;
  note: string;
};
const FIELDS = ['providerId', 'amountMinor', 'method', 'reference', 'note'] as const;

/** Pays a doctor part or all of what they are owed; the server refuses more than is outstanding. */
export function RecordPayoutModal({
  opened,
  doctor,
  doctors,
  onClose,
}: {
  opened: boolean;
  /** The doctor chosen from their row; null lets the user pick one. */
  doctor: DoctorBalance | null;
  doctors: readonly DoctorBalance[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const save = useRecordPayout();
  const form = useDialogForm<Values>({ opened, item: doctor, readOnly: false, onClose }, save, () => ({
    providerId: doctor?.providerId ?? null,
    amountMinor: doctor && doctor.outstandingMinor > 0 ? doctor.outstandingMinor : '',
    method: 'bank_transfer',
    reference: '',
    note: '',
  }));
  const { values, set, fieldError } = form;
  const chosen = doctors.find((d) => d.providerId === values.providerId) ?? null;

  const submit = () => {
    const found: Partial<Record<keyof Values, string>> = {};
    if (!values.providerId) found.providerId = t('validation.required');
    if (values.amountMinor === '') found.amountMinor = t('validation.required');
    else if (values.amountMinor <= 0) found.amountMinor = t('billing.payouts.amountPositive');
    else if (values.amountMinor > MONEY_MAX_MINOR)
      found.amountMinor = t('billing.priceList.moneyRange', { max: format.money(MONEY_MAX_MINOR) });
    else if (chosen && values.amountMinor > chosen.outstandingMinor)
      found.amountMinor = t('billing.payouts.moreThanOwed', { owed: format.money(chosen.outstandingMinor) });
    if (!form.check(found) || !values.providerId || values.amountMinor === '') return;
    const reference = values.reference.trim();
    const note = values.note.trim();
    save.mutate(
      {
        providerId: values.providerId,
        amountMinor: values.amountMinor,
        method: values.method,
        ...(reference ? { reference } : {}),
        ...(note ? { note } : {}),
      },
      {
        onSuccess: form.savedWith(
          t('billing.payouts.recorded', {
            amount: format.money(values.amountMinor),
            name: chosen?.providerName ?? '',
          }),
        ),
      },
    );
  };

  return (
    <FormDialog
      {...form.dialog}
      title={t('billing.payouts.recordTitle')}
      submitLabel={t('billing.payouts.record')}
      onSubmit={submit}
      fields={FIELDS}
    >
      <Stack gap="sm">
        <Select
          label={t('billing.payouts.doctor')}
          data={doctors.map((d) => ({ value: d.providerId, label: d.providerName }))}
          value={values.providerId}
          onChange={(id) => set('providerId', id)}
          searchable
          required
          error={fieldError('providerId')}
          data-autofocus={doctor ? undefined : true}
        />
        {chosen ? (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('billing.payouts.owedNow', { amount: format.money(chosen.outstandingMinor) })}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MoneyInput
            label={t('billing.payouts.amount')}
            value={values.amountMinor}
            onChange={(v) => set('amountMinor', v)}
            required
            error={fieldError('amountMinor')}
            data-autofocus={doctor ? true : undefined}
          />
          <Select
            label={t('billing.payouts.method')}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`billing.payouts.methods.${m}`) }))}
            value={values.method}
            onChange={(m) => m && set('method', m as PaymentMethod)}
            allowDeselect={false}
            error={fieldError('method')}
          />
        </SimpleGrid>
        <TextInput
          label={t('billing.payouts.reference')}
          description={t('billing.payouts.referenceHint')}
          value={values.reference}
          onChange={(e) => set('reference', e.currentTarget.value)}
          maxLength={100}
          error={fieldError('reference')}
        />
        <Textarea
          label={t('billing.payouts.note')}
          value={values.note}
          onChange={(e) => set('note', e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
          error={fieldError('note')}
        />
      </Stack>
    </FormDialog>
  );
}

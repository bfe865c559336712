import { type CashDrawer, MONEY_MAX_MINOR } from '@carebase/contracts';
import { Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import { MoneyInput } from '../../components/money-input.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { usePaidOut } from './cash-drawer.queries.ts';

type Values = { amountMinor: number | ''; reason: string };

/** Cash taken out of the cashier's own open drawer, for a reason; never more than it should hold. */
export function PaidOutModal({
  drawer,
  opened,
  onClose,
}: {
  drawer: CashDrawer;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const save = usePaidOut();
  const form = useDialogForm<Values>({ opened, item: drawer.id, readOnly: false, onClose }, save, () => ({
    amountMinor: '',
    reason: '',
  }));
  const { values, set, fieldError } = form;
  const limit = Math.min(drawer.expectedMinor, MONEY_MAX_MINOR);

  const submit = () => {
    const found: Partial<Record<keyof Values, string>> = {};
    if (values.amountMinor === '' || values.amountMinor === 0) found.amountMinor = t('validation.required');
    else if (values.amountMinor > limit)
      found.amountMinor = t('billing.priceList.moneyRange', { max: format.money(limit) });
    if (!values.reason.trim()) found.reason = t('validation.required');
    if (!form.check(found) || values.amountMinor === '') return;
    const amount = format.money(values.amountMinor);
    save.mutate(
      { id: drawer.id, amountMinor: values.amountMinor, reason: values.reason.trim() },
      { onSuccess: form.savedWith(t('billing.drawer.paidOutDone', { amount })) },
    );
  };

  return (
    <FormDialog
      {...form.dialog}
      title={t('billing.drawer.paidOutTitle')}
      submitLabel={t('billing.drawer.paidOut')}
      fields={['amountMinor', 'reason']}
      onSubmit={submit}
    >
      <MoneyInput
        label={`${t('billing.drawer.amount')} (${format.currency})`}
        description={t('billing.drawer.paidOutHint', { amount: format.money(drawer.expectedMinor) })}
        value={values.amountMinor}
        onChange={(v) => set('amountMinor', v)}
        error={fieldError('amountMinor')}
        required
        data-autofocus
      />
      <Textarea
        label={t('billing.drawer.reason')}
        value={values.reason}
        onChange={(e) => set('reason', e.currentTarget.value)}
        error={fieldError('reason')}
        maxLength={500}
        autosize
        minRows={2}
        required
      />
    </FormDialog>
  );
}

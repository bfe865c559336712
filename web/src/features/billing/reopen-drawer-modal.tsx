import type { CashDrawer } from '@carebase/contracts';
import { Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import { useReopenDrawer } from './cash-drawer.queries.ts';

/** A supervisor (drawers:reopen) opens a closed drawer again, for a reason kept with it. */
export function ReopenDrawerModal({ drawer, onClose }: { drawer: CashDrawer | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useReopenDrawer();
  const form = useDialogForm<{ reason: string }>(
    { opened: drawer !== null, item: drawer?.id ?? null, readOnly: false, onClose },
    save,
    () => ({ reason: '' }),
  );

  const submit = () => {
    const reason = form.values.reason.trim();
    if (!form.check(reason ? {} : { reason: t('validation.required') }) || !drawer) return;
    save.mutate({ id: drawer.id, reason }, { onSuccess: form.savedWith(t('billing.drawer.reopened')) });
  };

  return (
    <FormDialog
      {...form.dialog}
      title={t('billing.drawer.reopenTitle', { name: drawer?.cashierName ?? '' })}
      submitLabel={t('billing.drawer.reopen')}
      fields={['reason']}
      onSubmit={submit}
    >
      <Text size="sm">{t('billing.drawer.reopenHint')}</Text>
      <Textarea
        label={t('billing.drawer.reason')}
        value={form.values.reason}
        onChange={(e) => form.set('reason', e.currentTarget.value)}
        error={form.fieldError('reason')}
        maxLength={500}
        autosize
        minRows={2}
        required
        data-autofocus
      />
    </FormDialog>
  );
}

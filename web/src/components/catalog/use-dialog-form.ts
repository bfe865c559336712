import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrorText, useNotify } from '../use-error-message.ts';
import type { EditDialogProps } from './use-edit-dialog.ts';

/** The save a dialog's form runs: its field errors show under the fields; it is reset with the form. */
interface Save {
  error: unknown;
  isPending: boolean;
  reset: () => void;
}

/**
 * Values and errors of a dialog's form, reset each time the dialog opens (or opens on another item).
 * `initial` gives the values for the dialog's item. `E` names the fields errors are shown for: the values'
 * own names unless the form says otherwise. Spread `dialog` into the FormDialog.
 */
export function useDialogForm<V extends object, E extends string = keyof V & string>(
  { opened, item, readOnly, onClose }: EditDialogProps<unknown>,
  save: Save,
  initial: () => V,
) {
  const { t } = useTranslation();
  const notify = useNotify();
  const serverError = useFieldErrorText();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Partial<Record<E, string>>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time the dialog opens
  useEffect(() => {
    if (!opened) return;
    setValues(initial());
    setErrors({});
    save.reset();
  }, [opened, item]);

  return {
    values,
    errors,
    set: <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value })),
    /** Shows the problems found before saving; true when there are none. */
    check: (found: Partial<Record<E, string>>) => {
      setErrors(found);
      return Object.keys(found).length === 0;
    },
    /** The problem found here first, else what the server said about the field. */
    fieldError: (field: E) => errors[field] ?? serverError(save.error, field),
    /** The save's onSuccess: a toast with the message, then the dialog closes. */
    savedWith: (message: string) => () => {
      notify.success(message);
      onClose();
    },
    dialog: {
      opened,
      onClose,
      readOnly,
      error: save.error,
      loading: save.isPending,
      submitLabel: item ? t('common.save') : t('common.create'),
    },
  };
}

import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface FormActionsProps {
  submitLabel: string;
  loading: boolean;
  onCancel: () => void;
  /** Only a Close button: the form is shown to someone who may not change it. */
  readOnly?: boolean;
}

/** Cancel and submit under a dialog's form; the submit button submits the surrounding form. */
export function FormActions({ submitLabel, loading, onCancel, readOnly = false }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {readOnly ? t('common.close') : t('common.cancel')}
      </Button>
      {readOnly ? null : (
        <Button type="submit" loading={loading}>
          {submitLabel}
        </Button>
      )}
    </Group>
  );
}

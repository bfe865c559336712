import { PASSWORD_MIN_LENGTH } from '@carebase/contracts';
import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface NewPasswordValue {
  password: string;
  confirm: string;
}

export interface NewPasswordErrors {
  password?: string;
  confirm?: string;
}

/** Client-side checks of a new password, in the user's language; the server also refuses common ones. */
export function useNewPasswordValidation(): (value: NewPasswordValue) => NewPasswordErrors {
  const { t } = useTranslation();
  return (value) => {
    const errors: NewPasswordErrors = {};
    if (value.password.length < PASSWORD_MIN_LENGTH) {
      errors.password = t('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
    }
    if (value.confirm !== value.password) errors.confirm = t('validation.passwordMismatch');
    return errors;
  };
}

interface NewPasswordFieldsProps {
  value: NewPasswordValue;
  onChange: (value: NewPasswordValue) => void;
  errors: NewPasswordErrors;
  passwordLabel: string;
  confirmLabel: string;
}

/** A new password and its repetition, with the rules shown under the first input. */
export function NewPasswordFields({
  value,
  onChange,
  errors,
  passwordLabel,
  confirmLabel,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={passwordLabel}
        description={t('auth.reset.rules', { min: PASSWORD_MIN_LENGTH })}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
        error={errors.password}
        autoComplete="new-password"
        required
        withAsterisk={false}
      />
      <PasswordInput
        label={confirmLabel}
        value={value.confirm}
        onChange={(e) => onChange({ ...value, confirm: e.currentTarget.value })}
        error={errors.confirm}
        autoComplete="new-password"
        required
        withAsterisk={false}
      />
    </>
  );
}

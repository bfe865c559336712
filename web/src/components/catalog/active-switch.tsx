import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface ActiveSwitchProps {
  /** What being inactive means for this kind of thing. */
  description: string;
  checked: boolean;
  onChange: (active: boolean) => void;
  disabled: boolean;
}

/** Whether something the clinic set up is still in use. */
export function ActiveSwitch({ description, checked, onChange, disabled }: ActiveSwitchProps) {
  const { t } = useTranslation();
  return (
    <Switch
      label={t('schedules.active')}
      description={description}
      checked={checked}
      onChange={(e) => onChange(e.currentTarget.checked)}
      disabled={disabled}
    />
  );
}

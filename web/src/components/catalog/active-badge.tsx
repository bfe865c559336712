import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={active ? 'teal' : 'gray'}>
      {active ? t('schedules.active') : t('schedules.inactive')}
    </Badge>
  );
}

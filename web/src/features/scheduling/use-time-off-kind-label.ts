import type { TimeOffKind } from '@carebase/contracts';
import { useTranslation } from 'react-i18next';

export function useTimeOffKindLabel(): (kind: TimeOffKind) => string {
  const { t } = useTranslation();
  return (kind) => t(`schedules.timeOff.kinds.${kind}`);
}

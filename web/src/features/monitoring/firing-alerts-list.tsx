import type { Alert as AlertItem } from '@carebase/contracts';
import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { IconAlert } from '../../components/icons.tsx';
import { useAlertSentence } from './use-alert-sentence.ts';

/** Alerts firing now, worst first, each as a sentence with when it fired. */
export function FiringAlertsList({ alerts }: { alerts: readonly AlertItem[] }) {
  const { t } = useTranslation();
  const sentence = useAlertSentence();
  const sorted = [...alerts].sort(
    (a, b) =>
      Number(b.severity === 'critical') - Number(a.severity === 'critical') ||
      b.firedAt.localeCompare(a.firedAt),
  );
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {sorted.map((alert) => (
        <li key={alert.id}>
          <Alert
            color={alert.severity === 'critical' ? 'red' : 'orange'}
            icon={<IconAlert size={18} />}
            p="sm"
            title={
              <Group gap="xs">
                <Badge size="sm" color={alert.severity === 'critical' ? 'red' : 'orange'} variant="filled">
                  {t(`monitoring.severities.${alert.severity}`)}
                </Badge>
                <span>{t(`monitoring.rules.${alert.rule}.name`)}</span>
              </Group>
            }
          >
            <Text size="sm">{sentence(alert)}</Text>
            <Text size="xs" c="dimmed" mt={4} component="div">
              {t('monitoring.alerts.firingSince')} <DateTimeText value={alert.firedAt} size="xs" c="dimmed" />
            </Text>
          </Alert>
        </li>
      ))}
    </Stack>
  );
}

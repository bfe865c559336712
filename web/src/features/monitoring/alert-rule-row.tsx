import type { AlertRule } from '@carebase/contracts';
import { Badge, Button, Group, NumberInput, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useUpdateAlertRule } from './monitoring.queries.ts';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** One rule: what it watches, on or off, and its threshold; editable with alerts:manage. */
export function AlertRuleRow({ rule, canManage }: { rule: AlertRule; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  const { separators } = useFormatters();
  const notify = useNotify();
  const update = useUpdateAlertRule();
  const [threshold, setThreshold] = useState<number | string>(rule.threshold);
  const name = t(`monitoring.rules.${rule.key}.name`);
  const changed = typeof threshold === 'number' && threshold > 0 && threshold !== rule.threshold;
  const unit = t(`monitoring.units.names.${rule.unit}`);

  const save = (change: { enabled?: boolean; threshold?: number }) =>
    update.mutate(
      { key: rule.key, ...change },
      { onSuccess: () => notify.success(t('monitoring.rules.saved', { name })), onError: notify.error },
    );

  return (
    <Table.Tr>
      <Table.Td maw={360}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {name}
          </Text>
          <Badge size="xs" color={rule.severity === 'critical' ? 'red' : 'orange'} variant="light">
            {t(`monitoring.severities.${rule.severity}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t(`monitoring.rules.${rule.key}.description`)}
        </Text>
      </Table.Td>
      <Table.Td>
        {canManage ? (
          <Switch
            checked={rule.enabled}
            disabled={update.isPending}
            onChange={(e) => save({ enabled: e.currentTarget.checked })}
            aria-label={t('monitoring.rules.enable', { name })}
          />
        ) : (
          <Badge color={rule.enabled ? 'teal' : 'gray'} variant="light">
            {rule.enabled ? t('monitoring.rules.on') : t('monitoring.rules.off')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {canManage ? (
          <Group gap="xs" wrap="nowrap">
            <NumberInput
              size="xs"
              w={110}
              min={0}
              max={1_000_000}
              decimalSeparator={separators.decimal}
              value={threshold}
              onChange={setThreshold}
              rightSection={
                <Text size="xs" c="dimmed">
                  {unit}
                </Text>
              }
              rightSectionWidth={unit.length > 2 ? 52 : 32}
              aria-label={t('monitoring.rules.thresholdOf', { name, unit })}
            />
            <Button
              size="xs"
              variant="light"
              disabled={!changed}
              loading={update.isPending}
              onClick={() => typeof threshold === 'number' && save({ threshold })}
            >
              {t('common.save')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{format.inUnit(rule.threshold, rule.unit)}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {format.inUnit(rule.defaultThreshold, rule.unit)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

import type { TimeOff } from '@carebase/contracts';
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryTable } from '../../components/catalog/query-table.tsx';
import { TabToolbar } from '../../components/catalog/tab-toolbar.tsx';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ActionsTh } from '../../components/data-table.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconClock } from '../../components/icons.tsx';
import { useConfirmMutation } from '../../components/use-confirm-mutation.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { zonedInputToIso } from '../../lib/format.ts';
import { useDeleteTimeOff, useProviders, useTimeOff } from './scheduling.queries.ts';
import { TimeOffFormModal } from './time-off-form-modal.tsx';
import { todayIn } from './time-off-model.ts';
import { useTimeOffKindLabel } from './use-time-off-kind-label.ts';

const EVERYONE = 'all';
const CLINIC = 'clinic';

export function TimeOffTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const timeZone = format.context.timeZone;
  const kindLabel = useTimeOffKindLabel();
  const providers = useProviders();
  const [who, setWho] = useState<string>(EVERYONE);
  const [fromDate, setFromDate] = useState(() => todayIn(timeZone));
  const from = fromDate ? zonedInputToIso(`${fromDate}T00:00`, timeZone) : null;
  const list = useTimeOff({
    ...(who === EVERYONE ? {} : { provider: who }),
    ...(from ? { from } : {}),
  });
  const [adding, setAdding] = useState(false);
  const remove = useConfirmMutation<TimeOff>(useDeleteTimeOff(), t('schedules.timeOff.deleted'));

  const whoOptions = [
    { value: EVERYONE, label: t('schedules.timeOff.everyone') },
    { value: CLINIC, label: t('schedules.timeOff.clinicOnly') },
    ...(providers.data ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];

  return (
    <Stack>
      <TabToolbar
        align="flex-end"
        addLabel={canWrite ? t('schedules.timeOff.add') : null}
        onAdd={() => setAdding(true)}
      >
        <Group align="flex-end">
          <Select
            label={t('schedules.timeOff.filterWho')}
            data={whoOptions}
            value={who}
            onChange={(value) => setWho(value ?? EVERYONE)}
            allowDeselect={false}
            searchable
            w={260}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('schedules.timeOff.from')}
            type="date"
            value={fromDate}
            onChange={(e) => setFromDate(e.currentTarget.value)}
            w={170}
          />
        </Group>
      </TabToolbar>
      <QueryTable
        query={list}
        empty={
          <Empty
            icon={<IconClock size={28} />}
            title={t('schedules.timeOff.empty')}
            description={canWrite ? t('schedules.timeOff.emptyHint') : undefined}
          />
        }
        minWidth={760}
        head={
          <>
            <Table.Th>{t('schedules.timeOff.who')}</Table.Th>
            <Table.Th>{t('schedules.timeOff.kind')}</Table.Th>
            <Table.Th>{t('schedules.timeOff.starts')}</Table.Th>
            <Table.Th>{t('schedules.timeOff.ends')}</Table.Th>
            <Table.Th>{t('schedules.timeOff.reason')}</Table.Th>
            {canWrite ? <ActionsTh /> : null}
          </>
        }
      >
        {(items) =>
          items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                {item.providerId ? (
                  (item.providerName ?? t('schedules.services.unknownProvider'))
                ) : (
                  <Badge variant="light" color="grape" tt="none">
                    {t('schedules.timeOff.wholeClinic')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{kindLabel(item.kind)}</Table.Td>
              <Table.Td>
                <DateTimeText value={item.startsAt} />
              </Table.Td>
              <Table.Td>
                <DateTimeText value={item.endsAt} />
              </Table.Td>
              <Table.Td maw={280}>
                <Text size="sm" lineClamp={2}>
                  {item.reason || t('common.emptyValue')}
                </Text>
              </Table.Td>
              {canWrite ? (
                <Table.Td>
                  <Group justify="flex-end">
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove.ask(item)}>
                      {t('common.delete')}
                    </Button>
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))
        }
      </QueryTable>
      <TimeOffFormModal opened={adding} onClose={() => setAdding(false)} />
      <ConfirmModal
        {...remove.modal}
        title={t('schedules.timeOff.deleteTitle')}
        message={t('schedules.timeOff.deleteConfirm', {
          who: remove.target?.providerName ?? t('schedules.timeOff.wholeClinic'),
          start: format.dateTime(remove.target?.startsAt),
        })}
        confirmLabel={t('common.delete')}
        danger
      />
    </Stack>
  );
}

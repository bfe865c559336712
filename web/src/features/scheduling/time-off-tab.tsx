import type { TimeOff } from '@carebase/contracts';
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconClock, IconPlus } from '../../components/icons.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
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
  const notify = useNotify();
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
  const remove = useDeleteTimeOff();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<TimeOff | null>(null);

  const whoOptions = [
    { value: EVERYONE, label: t('schedules.timeOff.everyone') },
    { value: CLINIC, label: t('schedules.timeOff.clinicOnly') },
    ...(providers.data ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notify.success(t('schedules.timeOff.deleted'));
        setDeleting(null);
      },
      onError: notify.error,
    });
  };

  let content: ReactNode;
  if (list.isPending) content = <TableSkeleton />;
  else if (list.isError) content = <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.length === 0)
    content = (
      <Empty
        icon={<IconClock size={28} />}
        title={t('schedules.timeOff.empty')}
        description={canWrite ? t('schedules.timeOff.emptyHint') : undefined}
      />
    );
  else
    content = (
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('schedules.timeOff.who')}</Table.Th>
              <Table.Th>{t('schedules.timeOff.kind')}</Table.Th>
              <Table.Th>{t('schedules.timeOff.starts')}</Table.Th>
              <Table.Th>{t('schedules.timeOff.ends')}</Table.Th>
              <Table.Th>{t('schedules.timeOff.reason')}</Table.Th>
              {canWrite ? (
                <Table.Th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((item) => (
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
                      <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(item)}>
                        {t('common.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
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
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('schedules.timeOff.add')}
          </Button>
        ) : null}
      </Group>
      {content}
      <TimeOffFormModal opened={adding} onClose={() => setAdding(false)} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('schedules.timeOff.deleteTitle')}
        message={t('schedules.timeOff.deleteConfirm', {
          who: deleting?.providerName ?? t('schedules.timeOff.wholeClinic'),
          start: format.dateTime(deleting?.startsAt),
        })}
        confirmLabel={t('common.delete')}
        danger
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

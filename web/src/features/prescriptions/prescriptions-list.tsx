import type { Prescription } from '@carebase/contracts';
import { Badge, Button, Group, Modal, Stack, Table, Text, Textarea, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { IconAlert } from '../../components/icons.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { pathOf } from '../../lib/api.ts';
import { IconPrinter } from '../patients/patient-icons.tsx';
import { drugLine } from './prescription-model.ts';
import { useStopPrescription } from './prescriptions.queries.ts';

/** "1 capsule · oral · every 8 hours · 7 days" */
export function useSig(): (p: Prescription) => string {
  const { t } = useTranslation();
  return (p) =>
    [
      p.dose,
      p.route,
      p.frequency,
      p.durationDays ? t('prescriptions.forDays', { count: p.durationDays }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
}

interface PrescriptionsTableProps {
  patientId: string;
  items: readonly Prescription[];
  canStop: boolean;
  /** Hide the prescriber and date columns (inside an encounter they are the encounter's). */
  compact?: boolean;
}

export function PrescriptionsTable({ patientId, items, canStop, compact = false }: PrescriptionsTableProps) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const sig = useSig();
  const stop = useStopPrescription(patientId);
  const [stopping, setStopping] = useState<Prescription | null>(null);
  const [reason, setReason] = useState('');

  const confirmStop = () => {
    if (!stopping || !reason.trim()) return;
    stop.mutate(
      { id: stopping.id, reason: reason.trim() },
      {
        onSuccess: () => {
          notify.success(t('prescriptions.stopped', { drug: stopping.drug }));
          setStopping(null);
          setReason('');
        },
      },
    );
  };

  return (
    <>
      <Table.ScrollContainer minWidth={compact ? 560 : 820}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('prescriptions.columns.drug')}</Table.Th>
              <Table.Th>{t('prescriptions.columns.sig')}</Table.Th>
              <Table.Th>{t('prescriptions.columns.quantity')}</Table.Th>
              {compact ? null : <Table.Th>{t('prescriptions.columns.prescriber')}</Table.Th>}
              {compact ? null : <Table.Th>{t('prescriptions.columns.date')}</Table.Th>}
              <Table.Th>{t('prescriptions.columns.status')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {drugLine(p)}
                    </Text>
                    {p.allergyWarnings.length > 0 ? (
                      <Tooltip
                        label={t('prescriptions.overridden', { reason: p.allergyOverrideReason ?? '' })}
                        withArrow
                        multiline
                        w={280}
                      >
                        <Badge
                          color="red"
                          variant="light"
                          size="sm"
                          leftSection={<IconAlert size={10} />}
                          tt="none"
                        >
                          {t('prescriptions.allergyOverride')}
                        </Badge>
                      </Tooltip>
                    ) : null}
                  </Group>
                  {p.instructions ? (
                    <Text size="xs" c="dimmed">
                      {p.instructions}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{sig(p)}</Text>
                </Table.Td>
                <Table.Td>{p.quantity ?? t('common.emptyValue')}</Table.Td>
                {compact ? null : <Table.Td>{p.prescriberName}</Table.Td>}
                {compact ? null : (
                  <Table.Td className="nowrap">
                    <DateTimeText value={p.createdAt} />
                  </Table.Td>
                )}
                <Table.Td>
                  <Badge color={p.status === 'active' ? 'teal' : 'gray'} variant="light">
                    {t(`prescriptions.statuses.${p.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {p.status === 'active' ? (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        component="a"
                        href={`${pathOf`/api/prescriptions/${p.id}/pdf`}?lang=${i18n.language === 'es' ? 'es' : 'en'}`}
                        target="_blank"
                        rel="noreferrer"
                        size="xs"
                        variant="subtle"
                        leftSection={<IconPrinter size={14} />}
                        aria-label={t('prescriptions.printNamed', { drug: p.drug })}
                      >
                        {t('prescriptions.print')}
                      </Button>
                      {canStop ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setStopping(p)}
                          aria-label={t('prescriptions.stopNamed', { drug: p.drug })}
                        >
                          {t('prescriptions.stop')}
                        </Button>
                      ) : null}
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={stopping !== null}
        onClose={() => setStopping(null)}
        title={t('prescriptions.stopTitle', { drug: stopping?.drug ?? '' })}
        centered
      >
        <Stack>
          <FormError error={stop.error} />
          <Textarea
            label={t('prescriptions.stopReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStopping(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={confirmStop} loading={stop.isPending} disabled={!reason.trim()}>
              {t('prescriptions.stop')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

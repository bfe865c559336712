import {
  type DentalPlan,
  type DentalProcedure,
  type DentalProcedureStatus,
  PROCEDURE_TRANSITIONS,
} from '@carebase/contracts';
import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useLastDefined } from '../../components/use-last-defined.ts';
import { hasFieldErrorFor } from '../../lib/api.ts';
import { formatMoney } from '../../lib/format.ts';
import { AddProcedureModal } from './add-procedure-modal.tsx';
import { useCreateDentalPlan, useDentalPlans, useUpdateDentalProcedure } from './dental.queries.ts';
import type { DentalWords } from './use-dental-words.ts';

const STATUS_COLORS: Record<DentalProcedureStatus, string> = {
  planned: 'blue',
  in_progress: 'yellow',
  done: 'teal',
  cancelled: 'gray',
};

function useMoney() {
  const { i18n } = useTranslation();
  return (minor: number, currency: string) => formatMoney(minor, currency, i18n.language);
}

function NewPlanModal({
  patientId,
  opened,
  onClose,
}: {
  patientId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateDentalPlan(patientId);
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  const [touched, setTouched] = useState(false);

  const close = () => {
    setTitle('');
    setNotes('');
    setTouched(false);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!title.trim()) return;
    create.mutate(
      { title: title.trim(), notes: notes.trim() || null, procedures: [] },
      {
        onSuccess: () => {
          notify.success(t('dental.plans.created'));
          close();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('dental.plans.createTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('dental.plans.planTitle')}
            placeholder={t('dental.plans.planTitlePlaceholder')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            required
            maxLength={200}
            data-autofocus
            error={touched && !title.trim() ? t('validation.required') : serverError(create.error, 'title')}
          />
          <Textarea
            label={t('dental.plans.notes')}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          {create.error && !hasFieldErrorFor(create.error, ['title']) ? (
            <FormError error={create.error} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('dental.plans.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface ProcedureRowProps {
  procedure: DentalProcedure;
  currency: string;
  canWrite: boolean;
  words: DentalWords;
  patientId: string;
  onCancel: (procedure: DentalProcedure) => void;
}

function ProcedureRow({ procedure, currency, canWrite, words, patientId, onCancel }: ProcedureRowProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const money = useMoney();
  const update = useUpdateDentalProcedure(patientId);
  const name = useProcedureName(words)(procedure);
  const next = PROCEDURE_TRANSITIONS[procedure.status];

  const move = (status: DentalProcedureStatus) =>
    update.mutate(
      { id: procedure.id, patch: { status } },
      {
        onSuccess: (saved) =>
          notify.success(
            status === 'done' && saved.chartEntryId
              ? t('dental.plans.doneOnChart')
              : t('dental.plans.statusChanged', { status: t(`dental.plans.statuses.${status}`) }),
          ),
        onError: notify.error,
      },
    );

  return (
    <Table.Tr opacity={procedure.status === 'cancelled' ? 0.6 : 1}>
      <Table.Td>
        <Text size="sm" fw={600} className="tabular-nums">
          {procedure.tooth === null ? t('common.emptyValue') : words.number(procedure.tooth)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500} td={procedure.status === 'cancelled' ? 'line-through' : undefined}>
          {t(`dental.plans.kinds.${procedure.kind}`)}
        </Text>
        {procedure.description ? (
          <Text size="xs" c="dimmed">
            {procedure.description}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {procedure.tooth !== null && procedure.surfaces.length > 0
            ? words.surfaceList(procedure.tooth, procedure.surfaces)
            : t('common.emptyValue')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLORS[procedure.status]} variant="light">
          {t(`dental.plans.statuses.${procedure.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" className="tabular-nums" c={procedure.cost === null ? 'dimmed' : undefined}>
          {procedure.cost === null ? t('dental.plans.notPriced') : money(procedure.cost, currency)}
        </Text>
      </Table.Td>
      {canWrite ? (
        <Table.Td>
          <Group gap={4} justify="flex-end" wrap="nowrap">
            {next.includes('in_progress') ? (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => move('in_progress')}
                loading={update.isPending && update.variables?.patch.status === 'in_progress'}
                aria-label={t('dental.plans.startLabel', { procedure: name })}
              >
                {t('dental.plans.start')}
              </Button>
            ) : null}
            {next.includes('done') ? (
              <Button
                size="compact-xs"
                variant="light"
                color="teal"
                onClick={() => move('done')}
                loading={update.isPending && update.variables?.patch.status === 'done'}
                aria-label={t('dental.plans.completeLabel', { procedure: name })}
              >
                {t('dental.plans.complete')}
              </Button>
            ) : null}
            {next.includes('cancelled') ? (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() => onCancel(procedure)}
                aria-label={t('dental.plans.cancelLabel', { procedure: name })}
              >
                {t('dental.plans.cancel')}
              </Button>
            ) : null}
          </Group>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

/** "Filling on tooth 16", or just "Cleaning": the procedure in the names of its buttons. */
function useProcedureName(words: DentalWords) {
  const { t } = useTranslation();
  return (procedure: DentalProcedure): string => {
    const kind = t(`dental.plans.kinds.${procedure.kind}`);
    if (procedure.tooth === null) return kind;
    return t('dental.plans.procedureOnTooth', { procedure: kind, number: words.number(procedure.tooth) });
  };
}

function PlanCard(props: {
  plan: DentalPlan;
  canWrite: boolean;
  words: DentalWords;
  patientId: string;
  onAdd: (plan: DentalPlan) => void;
  onCancel: (procedure: DentalProcedure) => void;
}) {
  const { plan, canWrite, words, patientId } = props;
  const { t } = useTranslation();
  const format = useFormatters();
  const money = useMoney();
  const headingId = useId();
  const { totals } = plan;
  const active = totals.counts.planned + totals.counts.in_progress + totals.counts.done;
  const donePercent = active === 0 ? 0 : (totals.counts.done / active) * 100;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={2}>
          <Title order={4} id={headingId}>
            {plan.title}
          </Title>
          <Text size="xs" c="dimmed">
            {plan.createdBy
              ? t('dental.plans.createdBy', {
                  date: format.dateTime(plan.createdAt),
                  name: plan.createdBy.name,
                })
              : format.dateTime(plan.createdAt)}
          </Text>
          {plan.notes ? (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {plan.notes}
            </Text>
          ) : null}
        </Stack>
        {canWrite ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => props.onAdd(plan)}
            aria-label={t('dental.plans.addProcedureTo', { title: plan.title })}
          >
            {t('dental.plans.addProcedure')}
          </Button>
        ) : null}
      </Group>

      {plan.procedures.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm">
          {t('dental.plans.noProcedures')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('dental.plans.columns.tooth')}</Table.Th>
                <Table.Th>{t('dental.plans.columns.procedure')}</Table.Th>
                <Table.Th w={90}>{t('dental.plans.columns.surfaces')}</Table.Th>
                <Table.Th w={120}>{t('dental.plans.columns.status')}</Table.Th>
                <Table.Th w={120} ta="right">
                  {t('dental.plans.columns.cost')}
                </Table.Th>
                {canWrite ? (
                  <Table.Th w={1}>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.procedures.map((procedure) => (
                <ProcedureRow
                  key={procedure.id}
                  procedure={procedure}
                  currency={plan.currency}
                  canWrite={canWrite}
                  words={words}
                  patientId={patientId}
                  onCancel={props.onCancel}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Group justify="space-between" align="flex-end" mt="md" gap="md" wrap="wrap">
        <Stack gap={4} miw={200} style={{ flex: 1 }}>
          <Text size="xs" c="dimmed">
            {t('dental.plans.progress', { done: totals.counts.done, total: active })}
          </Text>
          <Progress value={donePercent} color="teal" size="sm" aria-hidden="true" />
        </Stack>
        <Group gap="xl" wrap="wrap">
          <PlanFigure label={t('dental.plans.totals.done')} value={money(totals.done, plan.currency)} />
          <PlanFigure
            label={t('dental.plans.totals.remaining')}
            value={money(totals.remaining, plan.currency)}
          />
          <PlanFigure
            label={t('dental.plans.totals.total')}
            value={money(totals.total, plan.currency)}
            strong
          />
        </Group>
      </Group>
      {totals.unpriced > 0 ? (
        <Text size="xs" c="orange.8" ta="right" mt={4}>
          {t('dental.plans.unpriced', { count: totals.unpriced })}
        </Text>
      ) : null}
    </Paper>
  );
}

function PlanFigure({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Stack gap={0} align="flex-end">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 500} className="tabular-nums">
        {value}
      </Text>
    </Stack>
  );
}

/** Treatment plans: their procedures with status and cost, and the totals of each plan. */
export function TreatmentPlans({
  patientId,
  canWrite,
  words,
}: {
  patientId: string;
  canWrite: boolean;
  words: DentalWords;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const plans = useDentalPlans(patientId);
  const update = useUpdateDentalProcedure(patientId);
  const [creating, setCreating] = useState(false);
  const [adding, setAdding] = useState<DentalPlan | null>(null);
  const [cancelling, setCancelling] = useState<DentalProcedure | null>(null);
  const procedureName = useProcedureName(words);
  const cancellingShown = useLastDefined(cancelling);

  let content: React.ReactNode;
  if (plans.isPending) content = <Skeleton h={120} radius="md" />;
  else if (plans.isError) content = <QueryError error={plans.error} onRetry={() => void plans.refetch()} />;
  else if (plans.data.items.length === 0)
    content = (
      <Paper withBorder radius="md">
        <Empty
          title={t('dental.plans.empty')}
          description={canWrite ? t('dental.plans.emptyHint') : undefined}
          headingOrder={3}
        />
      </Paper>
    );
  else
    content = (
      <Stack gap="md">
        {plans.data.items.map((plan) => (
          <PlanCard
            key={plan.id}
            plan={plan}
            canWrite={canWrite}
            words={words}
            patientId={patientId}
            onAdd={setAdding}
            onCancel={setCancelling}
          />
        ))}
      </Stack>
    );

  const confirmCancel = () => {
    if (!cancelling) return;
    update.mutate(
      { id: cancelling.id, patch: { status: 'cancelled' } },
      {
        onSuccess: () => {
          notify.success(t('dental.plans.statusChanged', { status: t('dental.plans.statuses.cancelled') }));
          setCancelling(null);
        },
        onError: notify.error,
      },
    );
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('dental.plans.title')}
        </Title>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} variant="default" onClick={() => setCreating(true)}>
            {t('dental.plans.create')}
          </Button>
        ) : null}
      </Group>
      {content}
      <NewPlanModal patientId={patientId} opened={creating} onClose={() => setCreating(false)} />
      <AddProcedureModal patientId={patientId} plan={adding} words={words} onClose={() => setAdding(null)} />
      <ConfirmModal
        opened={cancelling !== null}
        title={t('dental.plans.cancelTitle', {
          procedure: cancellingShown ? procedureName(cancellingShown) : '',
        })}
        message={t('dental.plans.cancelConfirm')}
        confirmLabel={t('dental.plans.cancelSubmit')}
        danger
        loading={update.isPending}
        onConfirm={confirmCancel}
        onClose={() => setCancelling(null)}
      />
    </Stack>
  );
}

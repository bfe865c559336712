import {
  ALL_TEETH,
  DENTAL_PROCEDURE_KINDS,
  type DentalPlan,
  type DentalProcedureKind,
  type Surface,
} from '@carebase/contracts';
import { Button, Chip, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useLastDefined } from '../../components/use-last-defined.ts';
import { hasFieldErrorFor } from '../../lib/api.ts';
import { currencyDigits } from '../../lib/format.ts';
import { usePriceList } from '../billing/billing.queries.ts';
import { useAddDentalProcedure } from './dental.queries.ts';
import { surfaceOptions } from './dental-layout.ts';
import { formatMoneyInput, parseMoneyInput } from './money-input.ts';
import type { DentalWords } from './use-dental-words.ts';

interface AddProcedureModalProps {
  patientId: string;
  plan: DentalPlan | null;
  words: DentalWords;
  onClose: () => void;
}

export function AddProcedureModal({ patientId, plan: openFor, words, onClose }: AddProcedureModalProps) {
  const serverError = useFieldErrorText();
  const { t, i18n } = useTranslation();
  const plan = useLastDefined(openFor);
  const notify = useNotify();
  const add = useAddDentalProcedure(patientId);
  const surfacesLabelId = useId();
  const [kind, setKind] = useState<DentalProcedureKind | null>(null);
  const [tooth, setTooth] = useState<number | null>(null);
  const [surfaces, setSurfaces] = useState<Surface[]>([]);
  const [description, setDescription] = useState('');
  const [cost, setCost] = useState('');
  const [priceItemId, setPriceItemId] = useState<string | null>(null);
  const dentalItems = usePriceList({ kind: 'dental', active: 'true' });
  const chosenItem = dentalItems.data?.find((item) => item.id === priceItemId) ?? null;
  const [notes, setNotes] = useState('');
  const [touched, setTouched] = useState(false);
  const currency = plan?.currency ?? 'USD';
  const parsedCost = cost.trim() ? parseMoneyInput(cost, currency, i18n.language) : null;
  const costInvalid = !chosenItem && cost.trim() !== '' && parsedCost === null;

  const close = () => {
    setKind(null);
    setTooth(null);
    setSurfaces([]);
    setDescription('');
    setCost('');
    setPriceItemId(null);
    setNotes('');
    setTouched(false);
    add.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!plan || !kind || costInvalid) return;
    add.mutate(
      {
        planId: plan.id,
        body: {
          kind,
          tooth,
          surfaces: tooth === null ? [] : surfaces,
          description: description.trim() || null,
          ...(chosenItem ? { priceItemId: chosenItem.id } : { cost: parsedCost }),
          notes: notes.trim() || null,
        },
      },
      {
        onSuccess: () => {
          notify.success(t('dental.plans.procedureAdded'));
          close();
        },
      },
    );
  };

  const toothOptions = ALL_TEETH.map((value) => ({
    value: String(value),
    label: `${words.number(value)} · ${words.toothName(value)}`,
  }));
  const example = formatMoneyInput(8500 * 10 ** (currencyDigits(currency) - 2), currency, i18n.language);

  return (
    <Modal
      opened={openFor !== null}
      onClose={close}
      title={t('dental.plans.addProcedureTo', { title: plan?.title ?? '' })}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('dental.plans.kind')}
              data={DENTAL_PROCEDURE_KINDS.map((value) => ({
                value,
                label: t(`dental.plans.kinds.${value}`),
              }))}
              value={kind}
              onChange={(value) => setKind(value as DentalProcedureKind | null)}
              required
              searchable
              data-autofocus
              error={touched && !kind ? t('validation.required') : serverError(add.error, 'kind')}
            />
            <Select
              label={t('dental.plans.tooth')}
              placeholder={t('dental.plans.noTooth')}
              data={toothOptions}
              value={tooth === null ? null : String(tooth)}
              onChange={(value) => {
                setTooth(value ? Number(value) : null);
                setSurfaces([]);
              }}
              searchable
              clearable
              error={serverError(add.error, 'tooth')}
            />
          </Group>
          {tooth !== null ? (
            <Stack gap={6}>
              <Text id={surfacesLabelId} size="sm" fw={500}>
                {t('dental.plans.surfaces')}
              </Text>
              <Chip.Group multiple value={surfaces} onChange={(value) => setSurfaces(value as Surface[])}>
                <Group gap={6} role="group" aria-labelledby={surfacesLabelId}>
                  {surfaceOptions(tooth).map(({ surface }) => (
                    <Chip key={surface} value={surface} size="sm" radius="sm">
                      {`${words.surfaceShort(tooth, surface)} · ${words.surfaceName(tooth, surface)}`}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
              {serverError(add.error, 'surfaces') ? (
                <Text size="xs" c="red" role="alert">
                  {serverError(add.error, 'surfaces')}
                </Text>
              ) : null}
            </Stack>
          ) : null}
          <TextInput
            label={t('dental.plans.description')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            maxLength={500}
            error={serverError(add.error, 'description')}
          />
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('dental.plans.priceItem')}
              description={t('dental.plans.priceItemHint')}
              placeholder={t('dental.plans.noPriceItem')}
              data={(dentalItems.data ?? []).map((item) => ({
                value: item.id,
                label: `${item.code} · ${i18n.language.startsWith('es') ? item.nameEs : item.nameEn}`,
              }))}
              value={priceItemId}
              onChange={setPriceItemId}
              searchable
              clearable
              error={serverError(add.error, 'priceItemId')}
            />
            <TextInput
              label={t('dental.plans.cost')}
              description={t('dental.plans.costHint', { currency })}
              value={chosenItem ? formatMoneyInput(chosenItem.priceMinor, currency, i18n.language) : cost}
              onChange={(event) => setCost(event.currentTarget.value)}
              disabled={chosenItem !== null}
              inputMode="decimal"
              rightSection={
                <Text size="xs" c="dimmed">
                  {currency}
                </Text>
              }
              rightSectionWidth={48}
              error={
                costInvalid ? t('dental.plans.costInvalid', { example }) : serverError(add.error, 'cost')
              }
            />
          </Group>
          <Textarea
            label={t('dental.plans.notes')}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          {add.error &&
          !hasFieldErrorFor(add.error, [
            'kind',
            'tooth',
            'surfaces',
            'description',
            'cost',
            'priceItemId',
          ]) ? (
            <FormError error={add.error} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('dental.plans.addProcedure')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

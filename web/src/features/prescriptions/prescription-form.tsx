import type { Allergy } from '@carebase/contracts';
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Fieldset,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconPlus } from '../../components/icons.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useFieldProblemText, useNotify } from '../../components/use-error-message.ts';
import { isApiError } from '../../lib/api.ts';
import { fieldProblemOf } from '../../lib/field-problem.ts';
import {
  type AllergyConflict,
  allergyConflictOf,
  emptyPrescriptionRow,
  type PrescriptionRow,
  type RxErrors,
  type RxMessage,
  validatePrescriptions,
} from './prescription-model.ts';
import { useCreatePrescriptions } from './prescriptions.queries.ts';

const ROUTES = [
  'oral',
  'sublingual',
  'topical',
  'inhaled',
  'intramuscular',
  'intravenous',
  'subcutaneous',
  'rectal',
  'ophthalmic',
  'otic',
  'nasal',
] as const;
const FREQUENCIES = ['onceDaily', 'twiceDaily', 'every8h', 'every6h', 'atBedtime', 'asNeeded'] as const;

interface PrescriptionFormProps {
  patientId: string;
  encounterId: string;
  allergies: readonly Allergy[];
  onDone: () => void;
  onCancel: () => void;
}

/**
 * Prescribe one or more drugs. When the server finds a drug that matches one of the patient's allergies it
 * answers 409: the warning is shown here, and prescribing anyway needs a written reason.
 */
export function PrescriptionForm({
  patientId,
  encounterId,
  allergies,
  onDone,
  onCancel,
}: PrescriptionFormProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreatePrescriptions(patientId, encounterId);
  const [rows, setRows] = useState<PrescriptionRow[]>(() => [emptyPrescriptionRow()]);
  const [errors, setErrors] = useState<RxErrors>({});
  const problemText = useFieldProblemText();
  const [conflict, setConflict] = useState<AllergyConflict | null>(null);
  const [reason, setReason] = useState('');
  const active = allergies.filter((a) => a.status === 'active');

  const message = (m: RxMessage | undefined) =>
    !m ? undefined : 'text' in m ? problemText(fieldProblemOf(m.text)) : t(m.key);
  const err = (path: string) => message(errors[path]);
  const update = (index: number, patch: Partial<PrescriptionRow>) => {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    // What the warning was about changed: it has to be checked again.
    if (conflict && 'drug' in patch) {
      setConflict(null);
      setReason('');
    }
  };

  const send = (override?: string) => {
    const result = validatePrescriptions(rows, override);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(result.body, {
      onSuccess: (saved) => {
        notify.success(t('prescriptions.saved', { count: saved.items.length }));
        onDone();
      },
      onError: (error) => {
        const found = allergyConflictOf(error);
        if (found) {
          setConflict(found);
          return;
        }
        if (isApiError(error) && error.errors.length > 0) {
          setErrors(
            Object.fromEntries(Object.entries(error.fieldErrors()).map(([p, text]) => [p, { text }])),
          );
        }
      },
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(conflict ? reason : undefined);
  };

  const showFormError =
    create.error &&
    !allergyConflictOf(create.error) &&
    !(isApiError(create.error) && create.error.errors.length > 0);

  return (
    <form onSubmit={submit} noValidate aria-label={t('prescriptions.formTitle')}>
      <Stack gap="md">
        {active.length > 0 ? (
          <Text size="sm" c="red.8">
            {t('prescriptions.knownAllergies', { list: active.map((a) => a.substance).join(', ') })}
          </Text>
        ) : null}
        {showFormError ? <FormError error={create.error} /> : null}
        {rows.map((row, index) => {
          const warning = conflict?.warnings.find((w) => w.row === index);
          return (
            <Fieldset key={row.key} legend={t('prescriptions.drugN', { n: index + 1 })} variant="filled">
              <Stack gap="sm">
                <Group align="flex-start" gap="sm" wrap="nowrap">
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: 1 }}>
                    <TextInput
                      label={t('prescriptions.drug')}
                      value={row.drug}
                      onChange={(e) => update(index, { drug: e.currentTarget.value })}
                      error={warning ? t('prescriptions.allergyFieldError') : err(`items.${index}.drug`)}
                      maxLength={200}
                      required
                    />
                    <TextInput
                      label={t('prescriptions.strength')}
                      placeholder="500 mg"
                      value={row.strength}
                      onChange={(e) => update(index, { strength: e.currentTarget.value })}
                      error={err(`items.${index}.strength`)}
                      maxLength={50}
                    />
                    <TextInput
                      label={t('prescriptions.form')}
                      placeholder={t('prescriptions.formPlaceholder')}
                      value={row.form}
                      onChange={(e) => update(index, { form: e.currentTarget.value })}
                      error={err(`items.${index}.form`)}
                      maxLength={50}
                    />
                    <TextInput
                      label={t('prescriptions.dose')}
                      placeholder={t('prescriptions.dosePlaceholder')}
                      value={row.dose}
                      onChange={(e) => update(index, { dose: e.currentTarget.value })}
                      error={err(`items.${index}.dose`)}
                      maxLength={100}
                      required
                    />
                    <Autocomplete
                      label={t('prescriptions.route')}
                      data={ROUTES.map((r) => t(`prescriptions.routes.${r}`))}
                      value={row.route}
                      onChange={(route) => update(index, { route })}
                      error={err(`items.${index}.route`)}
                      maxLength={50}
                      required
                    />
                    <Autocomplete
                      label={t('prescriptions.frequency')}
                      data={FREQUENCIES.map((f) => t(`prescriptions.frequencies.${f}`))}
                      value={row.frequency}
                      onChange={(frequency) => update(index, { frequency })}
                      error={err(`items.${index}.frequency`)}
                      maxLength={100}
                      required
                    />
                    <TextInput
                      label={t('prescriptions.durationDays')}
                      inputMode="numeric"
                      value={row.durationDays}
                      onChange={(e) => update(index, { durationDays: e.currentTarget.value })}
                      error={err(`items.${index}.durationDays`)}
                      maxLength={3}
                    />
                    <TextInput
                      label={t('prescriptions.quantity')}
                      inputMode="numeric"
                      value={row.quantity}
                      onChange={(e) => update(index, { quantity: e.currentTarget.value })}
                      error={err(`items.${index}.quantity`)}
                      maxLength={5}
                    />
                    <TextInput
                      label={t('prescriptions.instructions')}
                      placeholder={t('prescriptions.instructionsPlaceholder')}
                      value={row.instructions}
                      onChange={(e) => update(index, { instructions: e.currentTarget.value })}
                      error={err(`items.${index}.instructions`)}
                      maxLength={1000}
                    />
                  </SimpleGrid>
                  {rows.length > 1 ? (
                    <Tooltip label={t('prescriptions.removeDrug', { n: index + 1 })} withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={24}
                        aria-label={t('prescriptions.removeDrug', { n: index + 1 })}
                        onClick={() => {
                          setRows((current) => current.filter((_, i) => i !== index));
                          setConflict(null);
                        }}
                      >
                        <span aria-hidden="true">×</span>
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => setRows((current) => [...current, emptyPrescriptionRow()])}
            disabled={rows.length >= 20}
          >
            {t('prescriptions.addDrug')}
          </Button>
        </Group>
        {conflict ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlert />}
            title={t('prescriptions.allergyTitle')}
            role="alert"
          >
            <Stack gap="sm">
              <List size="sm" spacing={4}>
                {conflict.warnings.map((w) => (
                  <List.Item key={`${w.row}-${w.message}`}>
                    {t('prescriptions.allergyLine', { n: w.row + 1, message: w.message })}
                  </List.Item>
                ))}
              </List>
              <Text size="sm">{t('prescriptions.allergyHint')}</Text>
              <Textarea
                label={t('prescriptions.overrideReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={err('allergyOverrideReason')}
                maxLength={500}
                autosize
                minRows={2}
                required
                data-autofocus
              />
            </Stack>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={conflict ? 'red' : undefined} loading={create.isPending}>
            {conflict ? t('prescriptions.prescribeAnyway') : t('prescriptions.prescribe')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

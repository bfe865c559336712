import {
  ALLERGY_SEVERITIES,
  BLOOD_TYPES,
  CIVIL_STATUSES,
  IDENTIFIER_TYPES,
  PATIENT_SEXES,
} from '@carebase/contracts';
import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../components/icons.tsx';
import { useFieldProblemText } from '../../components/use-error-message.ts';
import { usePhoneRegionWords } from '../../components/use-phone-format.ts';
import { usePatientFormat } from './patient-display.tsx';
import {
  type AllergyRow,
  type ConditionRow,
  type ContactRow,
  emptyAllergy,
  emptyCondition,
  emptyContact,
  emptyIdentifier,
  type FieldMessage,
  type FieldMessages,
  type IdentifierRow,
  type PatientFormValues,
} from './patient-form-model.ts';

interface PatientFormProps {
  mode: 'create' | 'edit';
  values: PatientFormValues;
  onChange: (values: PatientFormValues) => void;
  errors: FieldMessages;
  /** Increases on every submit that found errors: the first invalid field gets the focus. */
  failedSubmits: number;
  onSubmit: () => void;
  submitting: boolean;
  submitLabel: string;
  onCancel: () => void;
  /** Shown above the form (form-level errors, the duplicate warning). */
  top?: ReactNode;
  /** Shown as the last section (the photo at registration). */
  extra?: ReactNode;
}

/** Hints go under their input, so that inputs with and without one line up in a row. */
const HINT_BELOW: ('label' | 'input' | 'description' | 'error')[] = [
  'label',
  'input',
  'description',
  'error',
];

export function useFieldMessage(): (message: FieldMessage | undefined, path?: string) => string | undefined {
  const { t } = useTranslation();
  const problemText = useFieldProblemText();
  const { country } = usePhoneRegionWords();
  return (message, path) => {
    if (!message) return undefined;
    if ('problem' in message) return problemText(message.problem, path);
    if (message.key === 'patients.validation.tooLong') return t(message.key, { max: message.max ?? 0 });
    if (message.key === 'patients.validation.phone') {
      return country ? t(message.key, { country }) : t('patients.validation.phoneAnyCountry');
    }
    return t(message.key);
  };
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz="h4" id={`${id}-title`}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

function RemoveRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color="red" onClick={onClick} aria-label={label} mt={4}>
        <span aria-hidden="true">×</span>
      </ActionIcon>
    </Tooltip>
  );
}

/** Registration and demographics editing: the same fields, checked with the contract's schema. */
export function PatientForm(props: PatientFormProps) {
  const { mode, values, onChange, errors, failedSubmits } = props;
  const { t } = useTranslation();
  const format = usePatientFormat();
  const message = useFieldMessage();
  const phoneWords = usePhoneRegionWords();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (failedSubmits === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [failedSubmits]);

  const err = (path: string) => message(errors[path], path);
  const set = <K extends keyof PatientFormValues>(key: K, value: PatientFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const setAddress = (key: keyof PatientFormValues['address'], value: string) =>
    onChange({ ...values, address: { ...values.address, [key]: value } });
  const setPayer = (key: keyof PatientFormValues['payer'], value: string) =>
    onChange({ ...values, payer: { ...values.payer, [key]: value } });

  function rows<K extends 'identifiers' | 'emergencyContacts' | 'allergies' | 'conditions'>(key: K) {
    const list = values[key] as PatientFormValues[K];
    type Row = PatientFormValues[K][number];
    return {
      update: (index: number, patch: Partial<Row>) =>
        onChange({ ...values, [key]: list.map((row, i) => (i === index ? { ...row, ...patch } : row)) }),
      remove: (index: number) => onChange({ ...values, [key]: list.filter((_, i) => i !== index) }),
      add: (row: Row) => onChange({ ...values, [key]: [...list, row] }),
    };
  }
  const identifiers = rows('identifiers');
  const contacts = rows('emergencyContacts');
  const allergies = rows('allergies');
  const conditions = rows('conditions');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };

  const ageHint = /^\d{4}-\d{2}-\d{2}$/.test(values.birthDate) ? format.age(values.birthDate) : '';

  return (
    <form onSubmit={submit} noValidate ref={formRef} aria-label={props.submitLabel}>
      <Stack gap="lg">
        {props.top}
        <Section id="patient-name" title={t('patients.form.nameSection')}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            <TextInput
              label={t('patients.form.givenName')}
              value={values.givenName}
              onChange={(e) => set('givenName', e.currentTarget.value)}
              error={err('givenName')}
              maxLength={100}
              required
              autoComplete="off"
            />
            <TextInput
              label={t('patients.form.middleName')}
              value={values.middleName}
              onChange={(e) => set('middleName', e.currentTarget.value)}
              error={err('middleName')}
              maxLength={100}
              autoComplete="off"
            />
            <TextInput
              label={t('patients.form.familyName')}
              value={values.familyName}
              onChange={(e) => set('familyName', e.currentTarget.value)}
              error={err('familyName')}
              maxLength={100}
              required
              autoComplete="off"
            />
            <TextInput
              label={t('patients.form.suffix')}
              description={t('patients.form.suffixHint')}
              inputWrapperOrder={HINT_BELOW}
              value={values.suffix}
              onChange={(e) => set('suffix', e.currentTarget.value)}
              error={err('suffix')}
              maxLength={20}
              autoComplete="off"
            />
            <TextInput
              label={t('patients.form.preferredName')}
              value={values.preferredName}
              onChange={(e) => set('preferredName', e.currentTarget.value)}
              error={err('preferredName')}
              maxLength={100}
              autoComplete="off"
            />
          </SimpleGrid>
        </Section>

        <Section id="patient-personal" title={t('patients.form.personalSection')}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            <Select
              label={t('patients.form.sex')}
              placeholder={t('patients.form.choose')}
              data={PATIENT_SEXES.map((sex) => ({ value: sex, label: format.sex(sex) }))}
              value={values.sex || null}
              onChange={(sex) => set('sex', (sex ?? '') as PatientFormValues['sex'])}
              error={err('sex')}
              required
              allowDeselect={false}
            />
            <TextInput
              label={t('patients.form.gender')}
              description={t('patients.form.genderHint')}
              inputWrapperOrder={HINT_BELOW}
              value={values.gender}
              onChange={(e) => set('gender', e.currentTarget.value)}
              error={err('gender')}
              maxLength={100}
            />
            <TextInput
              label={t('patients.form.birthDate')}
              description={
                ageHint ? t('patients.form.ageIs', { age: ageHint }) : t('patients.form.birthDateHint')
              }
              inputWrapperOrder={HINT_BELOW}
              type="date"
              min="1900-01-01"
              value={values.birthDate}
              onChange={(e) => set('birthDate', e.currentTarget.value)}
              error={err('birthDate')}
              required
            />
            <Select
              label={t('patients.form.civilStatus')}
              placeholder={t('patients.form.notRecorded')}
              data={CIVIL_STATUSES.map((status) => ({
                value: status,
                label: t(`patients.civilStatuses.${status}`),
              }))}
              value={values.civilStatus || null}
              onChange={(status) => set('civilStatus', (status ?? '') as PatientFormValues['civilStatus'])}
              error={err('civilStatus')}
              clearable
            />
            <Select
              label={t('patients.form.bloodType')}
              placeholder={t('patients.form.notRecorded')}
              data={BLOOD_TYPES.map((type) => ({
                value: type,
                label: type === 'unknown' ? t('patients.form.bloodUnknown') : type,
              }))}
              value={values.bloodType || null}
              onChange={(type) => set('bloodType', (type ?? '') as PatientFormValues['bloodType'])}
              error={err('bloodType')}
              clearable
            />
          </SimpleGrid>
        </Section>

        <Section
          id="patient-contact"
          title={t('patients.form.contactSection')}
          description={
            phoneWords.country
              ? t('patients.form.phoneHint', { country: phoneWords.country, example: phoneWords.example })
              : t('patients.form.phoneHintAnyCountry')
          }
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            <TextInput
              label={t('patients.form.phone')}
              type="tel"
              placeholder={phoneWords.example}
              value={values.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={err('phone')}
              maxLength={40}
              autoComplete="off"
            />
            <TextInput
              label={t('patients.form.altPhone')}
              type="tel"
              placeholder={phoneWords.example}
              value={values.altPhone}
              onChange={(e) => set('altPhone', e.currentTarget.value)}
              error={err('altPhone')}
              maxLength={40}
              autoComplete="off"
            />
            <TextInput
              label={t('patients.form.email')}
              type="email"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={err('email')}
              maxLength={254}
              autoComplete="off"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            <TextInput
              label={t('patients.form.line1')}
              value={values.address.line1}
              onChange={(e) => setAddress('line1', e.currentTarget.value)}
              error={err('address.line1')}
              maxLength={200}
            />
            <TextInput
              label={t('patients.form.line2')}
              value={values.address.line2}
              onChange={(e) => setAddress('line2', e.currentTarget.value)}
              error={err('address.line2')}
              maxLength={200}
            />
            <TextInput
              label={t('patients.form.city')}
              value={values.address.city}
              onChange={(e) => setAddress('city', e.currentTarget.value)}
              error={err('address.city')}
              maxLength={100}
            />
            <TextInput
              label={t('patients.form.region')}
              value={values.address.region}
              onChange={(e) => setAddress('region', e.currentTarget.value)}
              error={err('address.region')}
              maxLength={100}
            />
            <TextInput
              label={t('patients.form.postalCode')}
              value={values.address.postalCode}
              onChange={(e) => setAddress('postalCode', e.currentTarget.value)}
              error={err('address.postalCode')}
              maxLength={20}
            />
            <TextInput
              label={t('patients.form.country')}
              description={t('patients.form.countryHint')}
              inputWrapperOrder={HINT_BELOW}
              value={values.address.country}
              onChange={(e) => setAddress('country', e.currentTarget.value.toUpperCase())}
              error={err('address.country')}
              maxLength={2}
            />
          </SimpleGrid>
        </Section>

        <Section
          id="patient-identifiers"
          title={t('patients.form.identifiersSection')}
          description={t('patients.form.identifiersHint')}
        >
          {values.identifiers.map((row: IdentifierRow, index) => (
            <Fieldset
              key={row.key}
              legend={t('patients.form.identifierN', { n: index + 1 })}
              variant="filled"
            >
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ flex: 1 }}>
                  <Select
                    label={t('patients.form.identifierType')}
                    placeholder={t('patients.form.choose')}
                    data={IDENTIFIER_TYPES.map((type) => ({
                      value: type,
                      label: t(`patients.identifierTypes.${type}`),
                    }))}
                    value={row.type || null}
                    onChange={(type) =>
                      identifiers.update(index, { type: (type ?? '') as IdentifierRow['type'] })
                    }
                    error={err(`identifiers.${index}.type`)}
                    required
                    allowDeselect={false}
                  />
                  <TextInput
                    label={t('patients.form.identifierValue')}
                    value={row.value}
                    onChange={(e) => identifiers.update(index, { value: e.currentTarget.value })}
                    error={err(`identifiers.${index}.value`)}
                    maxLength={64}
                    required
                  />
                </SimpleGrid>
                <RemoveRowButton
                  label={t('patients.form.removeIdentifier', { n: index + 1 })}
                  onClick={() => identifiers.remove(index)}
                />
              </Group>
            </Fieldset>
          ))}
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => identifiers.add(emptyIdentifier())}
            >
              {t('patients.form.addIdentifier')}
            </Button>
          </Group>
        </Section>

        <Section id="patient-contacts" title={t('patients.form.contactsSection')}>
          {values.emergencyContacts.map((row: ContactRow, index) => (
            <Fieldset key={row.key} legend={t('patients.form.contactN', { n: index + 1 })} variant="filled">
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" style={{ flex: 1 }}>
                  <TextInput
                    label={t('patients.form.contactName')}
                    value={row.name}
                    onChange={(e) => contacts.update(index, { name: e.currentTarget.value })}
                    error={err(`emergencyContacts.${index}.name`)}
                    maxLength={200}
                    required
                  />
                  <TextInput
                    label={t('patients.form.relationship')}
                    placeholder={t('patients.form.relationshipPlaceholder')}
                    value={row.relationship}
                    onChange={(e) => contacts.update(index, { relationship: e.currentTarget.value })}
                    error={err(`emergencyContacts.${index}.relationship`)}
                    maxLength={50}
                    required
                  />
                  <TextInput
                    label={t('patients.form.phone')}
                    type="tel"
                    placeholder={phoneWords.example}
                    value={row.phone}
                    onChange={(e) => contacts.update(index, { phone: e.currentTarget.value })}
                    error={err(`emergencyContacts.${index}.phone`)}
                    maxLength={40}
                  />
                  <TextInput
                    label={t('patients.form.email')}
                    type="email"
                    value={row.email}
                    onChange={(e) => contacts.update(index, { email: e.currentTarget.value })}
                    error={err(`emergencyContacts.${index}.email`)}
                    maxLength={254}
                  />
                </SimpleGrid>
                <RemoveRowButton
                  label={t('patients.form.removeContact', { n: index + 1 })}
                  onClick={() => contacts.remove(index)}
                />
              </Group>
            </Fieldset>
          ))}
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => contacts.add(emptyContact())}
            >
              {t('patients.form.addContact')}
            </Button>
          </Group>
        </Section>

        {mode === 'create' ? (
          <Section
            id="patient-clinical"
            title={t('patients.form.clinicalSection')}
            description={t('patients.form.clinicalHint')}
          >
            {values.allergies.map((row: AllergyRow, index) => (
              <Fieldset key={row.key} legend={t('patients.form.allergyN', { n: index + 1 })} variant="filled">
                <Group align="flex-start" gap="sm" wrap="nowrap">
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: 1 }}>
                    <TextInput
                      label={t('patients.form.substance')}
                      value={row.substance}
                      onChange={(e) => allergies.update(index, { substance: e.currentTarget.value })}
                      error={err(`allergies.${index}.substance`)}
                      maxLength={200}
                      required
                    />
                    <TextInput
                      label={t('patients.form.reaction')}
                      value={row.reaction}
                      onChange={(e) => allergies.update(index, { reaction: e.currentTarget.value })}
                      error={err(`allergies.${index}.reaction`)}
                      maxLength={500}
                    />
                    <Select
                      label={t('patients.form.severity')}
                      placeholder={t('patients.form.choose')}
                      data={ALLERGY_SEVERITIES.map((s) => ({
                        value: s,
                        label: t(`patients.severities.${s}`),
                      }))}
                      value={row.severity || null}
                      onChange={(s) =>
                        allergies.update(index, { severity: (s ?? '') as AllergyRow['severity'] })
                      }
                      error={err(`allergies.${index}.severity`)}
                      required
                      allowDeselect={false}
                    />
                  </SimpleGrid>
                  <RemoveRowButton
                    label={t('patients.form.removeAllergy', { n: index + 1 })}
                    onClick={() => allergies.remove(index)}
                  />
                </Group>
              </Fieldset>
            ))}
            {values.conditions.map((row: ConditionRow, index) => (
              <Fieldset
                key={row.key}
                legend={t('patients.form.conditionN', { n: index + 1 })}
                variant="filled"
              >
                <Group align="flex-start" gap="sm" wrap="nowrap">
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: 1 }}>
                    <TextInput
                      label={t('patients.form.conditionName')}
                      value={row.name}
                      onChange={(e) => conditions.update(index, { name: e.currentTarget.value })}
                      error={err(`conditions.${index}.name`)}
                      maxLength={200}
                      required
                    />
                    <TextInput
                      label={t('patients.form.icd10Code')}
                      placeholder="E11.9"
                      value={row.icd10Code}
                      onChange={(e) => conditions.update(index, { icd10Code: e.currentTarget.value })}
                      error={err(`conditions.${index}.icd10Code`)}
                      maxLength={8}
                    />
                    <TextInput
                      label={t('patients.form.since')}
                      type="date"
                      value={row.since}
                      onChange={(e) => conditions.update(index, { since: e.currentTarget.value })}
                      error={err(`conditions.${index}.since`)}
                    />
                  </SimpleGrid>
                  <RemoveRowButton
                    label={t('patients.form.removeCondition', { n: index + 1 })}
                    onClick={() => conditions.remove(index)}
                  />
                </Group>
              </Fieldset>
            ))}
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                onClick={() => allergies.add(emptyAllergy())}
              >
                {t('patients.form.addAllergy')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                onClick={() => conditions.add(emptyCondition())}
              >
                {t('patients.form.addCondition')}
              </Button>
            </Group>
          </Section>
        ) : null}

        <Section
          id="patient-payer"
          title={t('patients.form.payerSection')}
          description={t('patients.form.payerHint')}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput
              label={t('patients.form.payerName')}
              value={values.payer.name}
              onChange={(e) => setPayer('name', e.currentTarget.value)}
              error={err('payer.name')}
              maxLength={200}
            />
            <TextInput
              label={t('patients.form.memberId')}
              value={values.payer.memberId}
              onChange={(e) => setPayer('memberId', e.currentTarget.value)}
              error={err('payer.memberId')}
              maxLength={64}
            />
            <TextInput
              label={t('patients.form.groupNumber')}
              value={values.payer.groupNumber}
              onChange={(e) => setPayer('groupNumber', e.currentTarget.value)}
              error={err('payer.groupNumber')}
              maxLength={64}
            />
          </SimpleGrid>
        </Section>

        {props.extra}

        <Group justify="flex-end" className="form-actions">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={props.submitting}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

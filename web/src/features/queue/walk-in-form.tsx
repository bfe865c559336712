import { PATIENT_SEXES, type PatientSummary, type QueueDepartment } from '@carebase/contracts';
import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { usePhoneRegionWords } from '../../components/use-phone-format.ts';
import { isApiError } from '../../lib/api.ts';
import { isValidPhone } from '../../lib/phone.ts';
import { PatientNameBlock } from '../patients/patient-display.tsx';
import { PatientPicker } from '../patients/patient-picker.tsx';
import { NORMAL_PRIORITY, PriorityFields, type PriorityValue } from './priority-fields.tsx';
import { useQueueProviders, useWalkIn, type WalkInBody } from './queue.queries.ts';

type Mode = 'existing' | 'new';
const EMPTY_PERSON = { givenName: '', familyName: '', birthDate: '', sex: '', phone: '' };

/** A walk-in: pick a registered patient or quick-register a new one, then give a ticket of the department. */
export function WalkInForm({
  departments,
  departmentKey,
  canRegister,
}: {
  departments: readonly QueueDepartment[];
  departmentKey: string;
  canRegister: boolean;
}) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const walkIn = useWalkIn();
  const providers = useQueueProviders();
  const [mode, setMode] = useState<Mode>('existing');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [person, setPerson] = useState(EMPTY_PERSON);
  const [department, setDepartment] = useState<string | null>(null);
  const [providerId, setProviderId] = useState<string | null>(null);
  const [priority, setPriority] = useState<PriorityValue>(NORMAL_PRIORITY);
  const [missingPatient, setMissingPatient] = useState(false);
  const [duplicate, setDuplicate] = useState(false);
  const [checkedPerson, setCheckedPerson] = useState(false);
  const phoneWords = usePhoneRegionWords();

  /** What is wrong with a field of the new patient before sending: required, or a phone of no country. */
  const personProblem = (field: keyof typeof EMPTY_PERSON): string | undefined => {
    const value = person[field].trim();
    if (field !== 'phone') return value ? undefined : t('validation.required');
    if (!value || !phoneWords.region || isValidPhone(value, phoneWords.region)) return undefined;
    return t('patients.validation.phone', { country: phoneWords.country });
  };
  const personError = (field: keyof typeof EMPTY_PERSON) =>
    (checkedPerson ? personProblem(field) : undefined) ?? err(`newPatient.${field}`);

  const setField = (key: keyof typeof EMPTY_PERSON, value: string) =>
    setPerson((p) => ({ ...p, [key]: value }));
  const reset = () => {
    setPatient(null);
    setPerson(EMPTY_PERSON);
    setPriority(NORMAL_PRIORITY);
    setProviderId(null);
    setDuplicate(false);
    setCheckedPerson(false);
    walkIn.reset();
  };

  const send = (confirmDuplicate: boolean) => {
    const common = {
      departmentKey: department ?? departmentKey,
      priority: priority.priority,
      ...(priority.reason ? { priorityReason: priority.reason } : {}),
      ...(providerId ? { providerId } : {}),
    };
    let body: WalkInBody;
    if (mode === 'existing') {
      if (!patient) {
        setMissingPatient(true);
        return;
      }
      body = { ...common, patientId: patient.id };
    } else {
      setCheckedPerson(true);
      if ((Object.keys(EMPTY_PERSON) as (keyof typeof EMPTY_PERSON)[]).some((f) => personProblem(f))) return;
      body = {
        ...common,
        newPatient: {
          givenName: person.givenName,
          familyName: person.familyName,
          birthDate: person.birthDate,
          sex: person.sex as (typeof PATIENT_SEXES)[number],
          ...(person.phone.trim() ? { phone: person.phone } : {}),
          confirmDuplicate,
        },
      };
    }
    walkIn.mutate(body, {
      onSuccess: (ticket) => {
        notify.success(t('queue.walkIn.added', { ticket: ticket.ticket, name: ticket.patientName }));
        reset();
      },
      onError: (error) => setDuplicate(mode === 'new' && isApiError(error) && error.status === 409),
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissingPatient(false);
    send(false);
  };

  const err = (field: string) => serverError(walkIn.error, field);
  const hasFieldErrors = isApiError(walkIn.error) && walkIn.error.errors.length > 0;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="walk-in-title">
      <Title order={2} fz="h4" mb="sm" id="walk-in-title">
        {t('queue.walkIn.title')}
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby="walk-in-title">
        <Stack gap="sm">
          <Tabs
            value={mode}
            onChange={(value) => {
              setMode((value as Mode) ?? 'existing');
              setDuplicate(false);
              walkIn.reset();
            }}
          >
            <Tabs.List>
              <Tabs.Tab value="existing">{t('queue.walkIn.existing')}</Tabs.Tab>
              {canRegister ? <Tabs.Tab value="new">{t('queue.walkIn.new')}</Tabs.Tab> : null}
            </Tabs.List>
            <Tabs.Panel value="existing" pt="sm">
              {patient ? (
                <Group justify="space-between" wrap="nowrap">
                  <section aria-label={t('queue.walkIn.chosen')}>
                    <PatientNameBlock patient={patient} />
                  </section>
                  <Button variant="subtle" size="xs" onClick={() => setPatient(null)}>
                    {t('queue.walkIn.change')}
                  </Button>
                </Group>
              ) : (
                <PatientPicker label={t('queue.walkIn.findPatient')} onPick={setPatient} />
              )}
              {missingPatient && !patient ? (
                <Text size="sm" c="red" role="alert" mt={4}>
                  {t('queue.walkIn.pickFirst')}
                </Text>
              ) : null}
              {err('patientId') ? (
                <Text size="sm" c="red" role="alert" mt={4}>
                  {err('patientId')}
                </Text>
              ) : null}
            </Tabs.Panel>
            {canRegister ? (
              <Tabs.Panel value="new" pt="sm">
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <TextInput
                    label={t('queue.walkIn.givenName')}
                    required
                    value={person.givenName}
                    onChange={(e) => setField('givenName', e.currentTarget.value)}
                    error={personError('givenName')}
                    maxLength={100}
                  />
                  <TextInput
                    label={t('queue.walkIn.familyName')}
                    required
                    value={person.familyName}
                    onChange={(e) => setField('familyName', e.currentTarget.value)}
                    error={personError('familyName')}
                    maxLength={100}
                  />
                  <TextInput
                    label={t('queue.walkIn.birthDate')}
                    type="date"
                    required
                    value={person.birthDate}
                    onChange={(e) => setField('birthDate', e.currentTarget.value)}
                    error={personError('birthDate')}
                  />
                  <Select
                    label={t('queue.walkIn.sex')}
                    required
                    value={person.sex || null}
                    onChange={(value) => setField('sex', value ?? '')}
                    data={PATIENT_SEXES.map((s) => ({ value: s, label: t(`patients.sexes.${s}`) }))}
                    error={personError('sex')}
                  />
                  <TextInput
                    label={t('queue.walkIn.phone')}
                    type="tel"
                    placeholder={phoneWords.example}
                    value={person.phone}
                    onChange={(e) => setField('phone', e.currentTarget.value)}
                    error={personError('phone')}
                    maxLength={40}
                  />
                </SimpleGrid>
              </Tabs.Panel>
            ) : null}
          </Tabs>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('queue.department')}
              value={department ?? departmentKey}
              onChange={setDepartment}
              data={departments.map((d) => ({ value: d.key, label: d.name }))}
              allowDeselect={false}
              error={err('departmentKey')}
            />
            <Select
              label={t('queue.walkIn.provider')}
              placeholder={t('queue.unassigned')}
              value={providerId}
              onChange={setProviderId}
              data={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              clearable
              searchable
              error={err('providerId')}
            />
          </SimpleGrid>
          <PriorityFields value={priority} onChange={setPriority} />
          {duplicate ? (
            <Alert color="yellow" variant="light" role="alert">
              <Stack gap="xs">
                <Text size="sm">{t('queue.walkIn.duplicate')}</Text>
                {isApiError(walkIn.error) && walkIn.error.detail ? (
                  <Text size="xs" c="dimmed">
                    {walkIn.error.detail}
                  </Text>
                ) : null}
                <Group>
                  <Button size="xs" variant="white" onClick={() => send(true)} loading={walkIn.isPending}>
                    {t('queue.walkIn.registerAnyway')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : null}
          {!duplicate && !hasFieldErrors ? <FormError error={walkIn.error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" loading={walkIn.isPending}>
              {t('queue.walkIn.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

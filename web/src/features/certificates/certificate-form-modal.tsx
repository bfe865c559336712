import { CERTIFICATE_TYPES, type Certificate, type CertificateType } from '@carebase/contracts';
import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { hasFieldErrorFor } from '../../lib/api.ts';
import {
  type CertificateDraftFields,
  type CertificateFieldProblem,
  checkCertificateDraft,
  inclusiveDays,
  MAX_LEAVE_DAYS,
  todayIn,
} from './certificate-rules.ts';
import { useCreateCertificate, useSubmitCertificate, useUpdateCertificate } from './certificates.queries.ts';

interface FormState extends CertificateDraftFields {
  recommendation: string;
}

function initialState(certificate: Certificate | null): FormState {
  return {
    type: certificate?.type ?? null,
    title: certificate?.title ?? '',
    findings: certificate?.findings ?? '',
    recommendation: certificate?.recommendation ?? '',
    validFrom: certificate?.validFrom ?? '',
    validTo: certificate?.validTo ?? '',
  };
}

const SERVER_FIELDS = ['type', 'title', 'findings', 'recommendation', 'validFrom', 'validTo'];

export interface CertificateFormModalProps {
  patientId: string;
  opened: boolean;
  /** Null: a new certificate. A draft or rejected certificate: edit it (a rejected one goes back to draft). */
  certificate: Certificate | null;
  onClose: () => void;
}

/** Drafting a certificate: type, findings, recommendation and dates; saved as a draft or sent for approval. */
export function CertificateFormModal({ patientId, opened, certificate, onClose }: CertificateFormModalProps) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const create = useCreateCertificate(patientId);
  const update = useUpdateCertificate();
  const submit = useSubmitCertificate();
  const [form, setForm] = useState<FormState>(() => initialState(certificate));
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const saving = create.isPending || update.isPending || submit.isPending;
  const saveError = create.error ?? update.error;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the form restarts each time it opens
  useEffect(() => {
    if (!opened) return;
    setForm(initialState(certificate));
    setTouched(false);
    create.reset();
    update.reset();
    submit.reset();
  }, [opened, certificate?.id]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const changeType = (type: CertificateType | null) => {
    setForm((f) => {
      // Sick leave starts today, for one day, in the clinic's calendar; the doctor adjusts it.
      if (type === 'sick_leave' && !f.validFrom && !f.validTo) {
        const today = todayIn(format.context.timeZone);
        return { ...f, type, validFrom: today, validTo: today };
      }
      return { ...f, type };
    });
  };

  const problems = checkCertificateDraft(form);
  const problemText = (problem: CertificateFieldProblem | undefined): string | undefined => {
    if (!touched || !problem) return undefined;
    switch (problem) {
      case 'required':
        return t('validation.required');
      case 'titleRequired':
        return t('certificates.form.titleRequired');
      case 'fromRequired':
        return t('certificates.form.fromRequired');
      case 'toRequired':
        return t('certificates.form.toRequired');
      case 'invalidDate':
        return t('certificates.form.invalidDate');
      case 'toBeforeFrom':
        return t('certificates.form.toBeforeFrom');
      case 'tooLong':
        return t('certificates.form.tooLong', { max: MAX_LEAVE_DAYS });
    }
  };
  const errorOf = (field: keyof FormState) =>
    problemText(problems[field as keyof CertificateDraftFields]) ?? serverError(saveError, field);

  const sickLeave = form.type === 'sick_leave';
  const days = inclusiveDays(form.validFrom, form.validTo);

  const save = (andSubmit: boolean) => {
    setTouched(true);
    setSubmitting(andSubmit);
    if (Object.keys(problems).length > 0 || !form.type) return;
    const fields = {
      type: form.type,
      title: form.type === 'custom' ? form.title.trim() : null,
      findings: form.findings.trim(),
      recommendation: form.recommendation.trim() || null,
      validFrom: form.validFrom.trim() || null,
      validTo: form.validTo.trim() || null,
    };
    const afterSave = (saved: Certificate) => {
      if (!andSubmit) {
        notify.success(t('certificates.savedDraft'));
        onClose();
        return;
      }
      submit.mutate(saved.id, {
        onSuccess: () => {
          notify.success(t('certificates.submitted'));
          onClose();
        },
        onError: (error) => {
          // The draft is saved; only sending it failed. Say so, and leave it in the list to submit later.
          notify.error(error);
          onClose();
        },
      });
    };
    if (certificate) update.mutate({ id: certificate.id, patch: fields }, { onSuccess: afterSave });
    else create.mutate(fields, { onSuccess: afterSave });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save(false);
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={certificate ? t('certificates.form.editTitle') : t('certificates.form.newTitle')}
      size="lg"
      centered
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {certificate?.status === 'rejected' && certificate.rejectionReason ? (
            <Alert color="red" variant="light" title={t('certificates.rejectedBecause')}>
              {certificate.rejectionReason}
            </Alert>
          ) : null}
          <Select
            label={t('certificates.fields.type')}
            placeholder={t('certificates.form.typePlaceholder')}
            data={CERTIFICATE_TYPES.map((value) => ({ value, label: t(`certificates.types.${value}`) }))}
            value={form.type}
            onChange={(value) => changeType(value as CertificateType | null)}
            required
            allowDeselect={false}
            data-autofocus
            error={errorOf('type')}
          />
          {form.type === 'custom' ? (
            <TextInput
              label={t('certificates.fields.title')}
              placeholder={t('certificates.form.titlePlaceholder')}
              value={form.title}
              onChange={(event) => set('title', event.currentTarget.value)}
              required
              maxLength={200}
              error={errorOf('title')}
            />
          ) : null}
          <Textarea
            label={t('certificates.fields.findings')}
            description={t('certificates.form.findingsHint')}
            value={form.findings}
            onChange={(event) => set('findings', event.currentTarget.value)}
            required
            autosize
            minRows={3}
            maxRows={10}
            maxLength={5000}
            error={errorOf('findings')}
          />
          <Textarea
            label={t('certificates.fields.recommendation')}
            value={form.recommendation}
            onChange={(event) => set('recommendation', event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={5000}
            error={errorOf('recommendation')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={sickLeave ? t('certificates.fields.restFrom') : t('certificates.fields.validFrom')}
              value={form.validFrom}
              onChange={(event) => set('validFrom', event.currentTarget.value)}
              required={sickLeave}
              error={errorOf('validFrom')}
            />
            <TextInput
              type="date"
              label={sickLeave ? t('certificates.fields.restTo') : t('certificates.fields.validTo')}
              value={form.validTo}
              min={form.validFrom || undefined}
              onChange={(event) => set('validTo', event.currentTarget.value)}
              required={sickLeave}
              error={errorOf('validTo')}
            />
          </SimpleGrid>
          {sickLeave ? (
            <Text size="sm" c={days === null ? 'dimmed' : undefined} aria-live="polite">
              {days === null
                ? t('certificates.form.daysUnknown')
                : t('certificates.form.days', { count: days })}
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              {t('certificates.form.validityHint')}
            </Text>
          )}
          {saveError && !hasFieldErrorFor(saveError, SERVER_FIELDS) ? <FormError error={saveError} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="light" loading={saving && !submitting}>
              {t('certificates.actions.saveDraft')}
            </Button>
            <Button onClick={() => save(true)} loading={saving && submitting}>
              {t('certificates.actions.saveAndSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

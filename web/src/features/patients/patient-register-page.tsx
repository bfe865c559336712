import type { DuplicateCheckResponse } from '@carebase/contracts';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { usePhoneRegion } from '../../components/use-phone-format.ts';
import { isApiError } from '../../lib/api.ts';
import { DuplicateWarning } from './duplicate-warning.tsx';
import { usePatientFormat } from './patient-display.tsx';
import { PatientForm } from './patient-form.tsx';
import {
  type CreatePatientBody,
  duplicateQueryOf,
  emptyPatientForm,
  type FieldMessages,
  type PatientFormValues,
  serverFieldMessages,
  validateCreate,
} from './patient-form-model.ts';
import { PhotoPicker } from './patient-photo.tsx';
import { fetchDuplicates, uploadPatientPhoto, useCreatePatient } from './patients.queries.ts';

type Candidate = DuplicateCheckResponse['candidates'][number];

/** `/patients/new`: register a patient, after checking that they are not registered already. */
export function PatientRegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const create = useCreatePatient();
  const region = usePhoneRegion();
  const format = usePatientFormat();
  const [values, setValues] = useState<PatientFormValues>(emptyPatientForm);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const [photo, setPhoto] = useState<File | null>(null);

  const fail = (found: FieldMessages) => {
    setErrors(found);
    setFailedSubmits((n) => n + 1);
  };

  const onChange = (next: PatientFormValues) => {
    setValues(next);
    // What the warning was about may have changed: check again on the next submit.
    if (candidates) setCandidates(null);
  };

  /** Looks for existing records; true when some were found (and are now shown). */
  const findDuplicates = async (): Promise<boolean> => {
    const query = duplicateQueryOf(values, region);
    if (!query) return false;
    const { candidates: found } = await fetchDuplicates(query);
    if (found.length === 0) return false;
    setCandidates(found);
    return true;
  };

  const handleError = async (error: unknown) => {
    if (isApiError(error) && error.errors.length > 0) {
      fail(serverFieldMessages(error.fieldErrors(), values));
      return;
    }
    // Someone registered a matching patient meanwhile: show who.
    if (isApiError(error) && error.status === 409) {
      try {
        if (await findDuplicates()) return;
      } catch {
        // fall through to the plain message
      }
    }
    setFormError(error);
  };

  const save = (body: CreatePatientBody) => {
    setFormError(null);
    create.mutate(body, {
      onSuccess: async (patient) => {
        let photoFailed = false;
        if (photo) {
          try {
            await uploadPatientPhoto(patient.id, photo);
          } catch {
            photoFailed = true;
          }
        }
        notify.success(
          patient.phone
            ? t('patients.registeredWithPhone', {
                name: patient.displayName,
                mrn: patient.mrn,
                phone: format.phone(patient.phone),
              })
            : t('patients.registered', { name: patient.displayName, mrn: patient.mrn }),
        );
        if (photoFailed) notify.error(new Error(t('patients.photo.uploadFailed')));
        void navigate(`/patients/${patient.id}`);
      },
      onError: (error) => void handleError(error),
    });
  };

  const submit = async () => {
    setFormError(null);
    const result = validateCreate(values, region);
    if (!result.ok) {
      fail(result.errors);
      return;
    }
    setErrors({});
    setChecking(true);
    try {
      if (await findDuplicates()) return;
    } catch (error) {
      setChecking(false);
      await handleError(error);
      return;
    }
    setChecking(false);
    save(result.body);
  };

  const registerAnyway = () => {
    const result = validateCreate(values, region, true);
    if (!result.ok) {
      setCandidates(null);
      fail(result.errors);
      return;
    }
    save(result.body);
  };

  return (
    <>
      <PageHeader title={t('patients.registerTitle')} description={t('patients.registerDescription')} />
      <PatientForm
        mode="create"
        values={values}
        onChange={onChange}
        errors={errors}
        failedSubmits={failedSubmits}
        onSubmit={() => void submit().finally(() => setChecking(false))}
        submitting={checking || (create.isPending && !candidates)}
        submitLabel={t('patients.registerSubmit')}
        onCancel={() => void navigate('/patients')}
        top={
          <>
            {Object.keys(errors).length > 0 ? (
              <Text size="sm" c="red" role="alert">
                {t('patients.form.fixErrors', { count: Object.keys(errors).length })}
              </Text>
            ) : null}
            <FormError error={formError} />
            {candidates ? (
              <DuplicateWarning
                candidates={candidates}
                onRegisterAnyway={registerAnyway}
                onCancel={() => setCandidates(null)}
                registering={create.isPending}
              />
            ) : null}
          </>
        }
        extra={
          <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="patient-photo-title">
            <Stack gap="md">
              <Title order={2} fz="h4" id="patient-photo-title">
                {t('patients.photo.title')}
              </Title>
              <PhotoPicker
                initials={`${values.givenName.trim()[0] ?? ''}${values.familyName.trim()[0] ?? ''}`.toUpperCase()}
                file={photo}
                onChange={setPhoto}
              />
            </Stack>
          </Paper>
        }
      />
    </>
  );
}

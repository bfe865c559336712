import { Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { usePhoneRegion } from '../../components/use-phone-format.ts';
import { isApiError } from '../../lib/api.ts';
import { useChart } from '../chart/chart-context.ts';
import { usePatientFormat } from './patient-display.tsx';
import { PatientForm } from './patient-form.tsx';
import {
  type FieldMessages,
  formFromPatient,
  type PatientFormValues,
  serverFieldMessages,
  validateUpdate,
} from './patient-form-model.ts';
import { useUpdatePatient } from './patients.queries.ts';

/** `/patients/:id/edit`: the registration form, filled in, for demographics changes. */
export function PatientEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const { patient, access } = useChart();
  const update = useUpdatePatient(patient.id);
  const region = usePhoneRegion();
  const { phone } = usePatientFormat();
  const [values, setValues] = useState<PatientFormValues>(() => formFromPatient(patient, phone));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [failedSubmits, setFailedSubmits] = useState(0);
  const back = `/patients/${patient.id}/details`;

  if (!access.writeDemographics) return <Navigate to={back} replace />;

  const submit = () => {
    const result = validateUpdate(values, region);
    if (!result.ok) {
      setErrors(result.errors);
      setFailedSubmits((n) => n + 1);
      return;
    }
    setErrors({});
    update.mutate(result.body, {
      onSuccess: (saved) => {
        notify.success(t('patients.updated', { name: saved.displayName }));
        void navigate(back);
      },
      onError: (error) => {
        if (isApiError(error) && error.errors.length > 0) {
          setErrors(serverFieldMessages(error.fieldErrors(), values));
          setFailedSubmits((n) => n + 1);
        }
      },
    });
  };

  const showFormError = update.error && !(isApiError(update.error) && update.error.errors.length > 0);
  return (
    <PatientForm
      mode="edit"
      values={values}
      onChange={setValues}
      errors={errors}
      failedSubmits={failedSubmits}
      onSubmit={submit}
      submitting={update.isPending}
      submitLabel={t('patients.saveDetails')}
      onCancel={() => void navigate(back)}
      top={
        <>
          <Title order={2} fz="h3">
            {t('patients.editTitle')}
          </Title>
          {showFormError ? <FormError error={update.error} /> : null}
        </>
      }
    />
  );
}

import type { Patient } from '@carebase/contracts';
import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { patientInitials, usePatientFormat } from '../patients/patient-display.tsx';
import { PhotoPicker } from '../patients/patient-photo.tsx';
import { useRemovePhoto, useSetPhoto } from '../patients/patients.queries.ts';
import { useChart } from './chart-context.ts';

function DetailCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="h5" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function DetailList({ rows }: { rows: [string, ReactNode][] }) {
  const { t } = useTranslation();
  return (
    <dl className="plain-dl detail-list">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? t('common.emptyValue') : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function PhotoCard({ patient }: { patient: Patient }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const setPhoto = useSetPhoto(patient.id);
  const removePhoto = useRemovePhoto(patient.id);
  return (
    <DetailCard id="details-photo" title={t('patients.photo.title')}>
      <PhotoPicker
        currentUrl={patient.photoUrl}
        initials={patientInitials(patient)}
        file={file}
        onChange={setFile}
        busy={setPhoto.isPending}
        actions={
          <>
            {file ? (
              <Button
                onClick={() =>
                  setPhoto.mutate(file, {
                    onSuccess: () => {
                      setFile(null);
                      notify.success(t('patients.photo.saved'));
                    },
                    onError: notify.error,
                  })
                }
                loading={setPhoto.isPending}
              >
                {t('patients.photo.save')}
              </Button>
            ) : null}
            {!file && patient.photoUrl ? (
              <Button
                variant="subtle"
                color="red"
                loading={removePhoto.isPending}
                onClick={() =>
                  removePhoto.mutate(undefined, {
                    onSuccess: () => notify.success(t('patients.photo.removed')),
                    onError: notify.error,
                  })
                }
              >
                {t('patients.photo.remove')}
              </Button>
            ) : null}
          </>
        }
      />
    </DetailCard>
  );
}

/** The registration data, read-only; editable through the form for those with patients:write. */
export function DetailsTab() {
  const { t } = useTranslation();
  const { patient, access } = useChart();
  const format = usePatientFormat();
  const formatters = useFormatters();
  const address = patient.address;
  const addressText = [
    address.line1,
    address.line2,
    [address.postalCode, address.city].filter(Boolean).join(' '),
    address.region,
    address.country,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <DetailCard id="details-person" title={t('patients.form.personalSection')}>
          <DetailList
            rows={[
              [t('patients.form.givenName'), patient.givenName],
              [t('patients.form.middleName'), patient.middleName],
              [t('patients.form.familyName'), patient.familyName],
              [t('patients.form.suffix'), patient.suffix],
              [t('patients.form.preferredName'), patient.preferredName],
              [t('patients.form.sex'), format.sex(patient.sex)],
              [t('patients.form.gender'), patient.gender],
              [
                t('patients.form.birthDate'),
                `${format.calendarDate(patient.birthDate)} (${format.age(patient.birthDate)})`,
              ],
              [
                t('patients.form.civilStatus'),
                patient.civilStatus ? t(`patients.civilStatuses.${patient.civilStatus}`) : null,
              ],
              [
                t('patients.form.bloodType'),
                patient.bloodType === 'unknown' ? t('patients.form.bloodUnknown') : patient.bloodType,
              ],
            ]}
          />
        </DetailCard>
        <DetailCard id="details-contact" title={t('patients.form.contactSection')}>
          <DetailList
            rows={[
              [t('patients.form.phone'), format.phone(patient.phone)],
              [t('patients.form.altPhone'), format.phone(patient.altPhone)],
              [t('patients.form.email'), patient.email],
              [t('chart.details.address'), addressText],
            ]}
          />
        </DetailCard>
        <DetailCard id="details-identifiers" title={t('patients.form.identifiersSection')}>
          <DetailList
            rows={[
              [t('patients.columns.mrn'), patient.mrn],
              ...patient.identifiers.map(
                (i) => [t(`patients.identifierTypes.${i.type}`), i.value] as [string, ReactNode],
              ),
            ]}
          />
        </DetailCard>
        <DetailCard id="details-payer" title={t('patients.form.payerSection')}>
          {patient.payer ? (
            <DetailList
              rows={[
                [t('patients.form.payerName'), patient.payer.name],
                [t('patients.form.memberId'), patient.payer.memberId],
                [t('patients.form.groupNumber'), patient.payer.groupNumber],
              ]}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('chart.details.noPayer')}
            </Text>
          )}
        </DetailCard>
        <DetailCard id="details-contacts" title={t('patients.form.contactsSection')}>
          {patient.emergencyContacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('chart.details.noContacts')}
            </Text>
          ) : (
            <Stack gap="xs">
              {patient.emergencyContacts.map((contact, index) => (
                <DetailList
                  // biome-ignore lint/suspicious/noArrayIndexKey: contacts have no id; the list is read-only
                  key={index}
                  rows={[
                    [t('patients.form.contactName'), `${contact.name} (${contact.relationship})`],
                    [t('patients.form.phone'), format.phone(contact.phone)],
                    [t('patients.form.email'), contact.email],
                  ]}
                />
              ))}
            </Stack>
          )}
        </DetailCard>
        {access.writeDemographics ? <PhotoCard patient={patient} /> : null}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('chart.details.registered', {
          created: formatters.dateTime(patient.createdAt),
          updated: formatters.dateTime(patient.updatedAt),
        })}
      </Text>
    </Stack>
  );
}

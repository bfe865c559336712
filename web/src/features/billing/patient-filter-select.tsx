import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatientSearch } from '../patients/patients.queries.ts';

/** A patient to filter by, found by typing part of the name or the MRN. */
export function PatientFilterSelect({
  value,
  label: shownName,
  onChange,
}: {
  value: string | null;
  /** The chosen patient's name, when known (the list shows it). */
  label: string | null;
  onChange: (patientId: string | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = usePatientSearch({ q, limit: 10 }, { enabled: q.length > 0 });
  const options = (found.data?.pages[0]?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.displayName} · ${p.mrn}`,
  }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: shownName ?? t('billing.invoices.onePatient') });
  return (
    <Select
      label={t('billing.invoices.patient')}
      placeholder={t('billing.invoices.anyPatient')}
      searchable
      clearable
      data={options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={q ? t('patients.picker.none') : undefined}
    />
  );
}

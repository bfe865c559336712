import type { PatientSummary } from '@carebase/contracts';
import { Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconSearch } from '../../components/icons.tsx';
import { PatientNameBlock } from './patient-display.tsx';
import { usePatientSearch } from './patients.queries.ts';

interface PatientPickerProps {
  label: string;
  /** Patients that cannot be picked (the record itself). */
  excludeIds?: readonly string[];
  onPick: (patient: PatientSummary) => void;
}

/** Search and pick one patient: a search box with the matches as a list of buttons under it. */
export function PatientPicker({ label, excludeIds = [], onPick }: PatientPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const listId = useId();
  const prefix = usePatientSearch({ q, limit: 10 }, { enabled: q.length > 0 });
  const empty = prefix.isSuccess && (prefix.data.pages[0]?.items.length ?? 0) === 0;
  const fuzzy = usePatientSearch({ q, limit: 10, match: 'fuzzy' }, { enabled: empty && !/\d/.test(q) });
  const source = empty ? fuzzy : prefix;
  const items = (source.data?.pages[0]?.items ?? []).filter((p) => !excludeIds.includes(p.id));

  return (
    <Stack gap="xs">
      <TextInput
        label={label}
        placeholder={t('patients.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        rightSection={source.isFetching ? <Loader size="xs" /> : null}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        aria-controls={listId}
        type="search"
        data-autofocus
      />
      <Stack
        gap={4}
        id={listId}
        component="ul"
        className="plain-list"
        aria-label={t('patients.picker.results')}
        aria-live="polite"
      >
        {q && source.isSuccess && items.length === 0 ? (
          <Text size="sm" c="dimmed" component="li">
            {t('patients.picker.none')}
          </Text>
        ) : null}
        {items.map((patient) => (
          <li key={patient.id}>
            <UnstyledButton
              onClick={() => onPick(patient)}
              className="picker-option"
              w="100%"
              p="xs"
              aria-label={t('patients.picker.pick', { name: patient.displayName, mrn: patient.mrn })}
            >
              <PatientNameBlock patient={patient} />
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

import { Autocomplete, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconSearch } from '../../components/icons.tsx';
import { useIcd10Search } from './encounters.queries.ts';
import { useIcd10Description } from './icd10-description.ts';

interface Icd10SearchProps {
  onPick: (code: string) => void;
  disabled?: boolean;
  error?: string;
}

/** Search-as-you-type over the ICD-10 table by code ("J02") or by words ("pharyngitis"); Enter picks. */
export function Icd10Search({ onPick, disabled, error }: Icd10SearchProps) {
  const { t } = useTranslation();
  const describe = useIcd10Description();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 200);
  const search = useIcd10Search(q);
  const results = search.data ?? [];
  const data = results.map((r) => ({
    value: r.code,
    label: `${r.code} — ${describe(r)}${r.billable ? '' : ` (${t('encounters.diagnoses.category')})`}`,
  }));
  const tooShort = text.trim().length > 0 && text.trim().length < 2;
  const none = q.trim().length >= 2 && search.isSuccess && results.length === 0 && !search.isFetching;

  return (
    <Autocomplete
      label={t('encounters.diagnoses.search')}
      description={tooShort ? t('encounters.diagnoses.keepTyping') : t('encounters.diagnoses.searchHint')}
      placeholder={t('encounters.diagnoses.searchPlaceholder')}
      leftSection={<IconSearch size={16} />}
      rightSection={search.isFetching ? <Loader size="xs" /> : null}
      value={text}
      onChange={setText}
      data={data}
      filter={({ options }) => options}
      onOptionSubmit={(code) => {
        onPick(code);
        // The Autocomplete writes the picked label into the box after this call: empty it afterwards.
        setTimeout(() => setText(''), 0);
      }}
      selectFirstOptionOnChange
      limit={15}
      maxDropdownHeight={320}
      disabled={disabled}
      error={error ?? (none ? <Text size="xs">{t('encounters.diagnoses.noMatch')}</Text> : undefined)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

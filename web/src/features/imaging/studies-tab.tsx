import { IMAGING_PAGE_SIZE, ImagingStudyQuerySchema, STUDY_LINKS } from '@carebase/contracts';
import { Button, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty.tsx';
import { IconSearch } from '../../components/icons.tsx';
import { ListFooter } from '../../components/list-footer.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useUrlQuery } from '../../components/use-url-query.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { DicomUploadZone } from './dicom-upload-zone.tsx';
import { useStudies } from './imaging.queries.ts';
import { IconImaging } from './imaging-icons.tsx';
import { dateRangeProblem } from './study-format.ts';
import { StudyTable } from './study-table.tsx';

/** Modalities offered in the filter: the usual ones (the API takes any code). */
export const MODALITIES = [
  'CR',
  'CT',
  'DX',
  'ES',
  'IO',
  'MG',
  'MR',
  'NM',
  'OT',
  'PT',
  'PX',
  'RF',
  'SC',
  'US',
  'XA',
];

/** The studies in the archive: search, filters and pages in the address; an upload zone on top. */
export function StudiesTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [query, setQuery] = useUrlQuery(ImagingStudyQuerySchema);
  const [text, setText] = useState(query.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const studies = useStudies(query);
  const rangeProblem = dateRangeProblem(query.from ?? '', query.to ?? '');

  // The box follows the address (back, forward, reset); typing updates the address once it pauses.
  useEffect(() => setText(query.q ?? ''), [query.q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed words start a search
  useEffect(() => {
    if (debounced !== (query.q ?? '')) setQuery({ q: debounced, offset: null });
  }, [debounced]);

  const filtered = Boolean(query.q || query.from || query.to || query.modality || query.link);
  const page = Math.floor(query.offset / query.limit) + 1;
  const items = studies.data?.items ?? [];

  return (
    <Stack gap="md">
      {hasPermission(me, 'imaging:store') ? <DicomUploadZone title={t('imaging.upload.title')} /> : null}
      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('imaging.filters.search')}
              placeholder={t('imaging.filters.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              type="search"
              w={300}
            />
            <TextInput
              label={t('imaging.filters.from')}
              type="date"
              value={query.from ?? ''}
              onChange={(e) => setQuery({ from: e.currentTarget.value, offset: null })}
              w={160}
            />
            <TextInput
              label={t('imaging.filters.to')}
              type="date"
              value={query.to ?? ''}
              onChange={(e) => setQuery({ to: e.currentTarget.value, offset: null })}
              error={rangeProblem ? t('imaging.filters.rangeOrder') : undefined}
              w={160}
            />
            <Select
              label={t('imaging.filters.modality')}
              placeholder={t('imaging.filters.any')}
              data={MODALITIES}
              value={query.modality ?? null}
              onChange={(value) => setQuery({ modality: value, offset: null })}
              clearable
              searchable
              w={130}
            />
            <Select
              label={t('imaging.filters.link')}
              placeholder={t('imaging.filters.any')}
              data={STUDY_LINKS.map((value) => ({ value, label: t(`imaging.link.${value}`) }))}
              value={query.link ?? null}
              onChange={(value) => setQuery({ link: value, offset: null })}
              clearable
              w={170}
            />
            {filtered ? (
              <Button
                variant="subtle"
                onClick={() => {
                  setText('');
                  setQuery({ q: null, from: null, to: null, modality: null, link: null, offset: null });
                }}
              >
                {t('common.reset')}
              </Button>
            ) : null}
          </Group>
          <QueryStates
            query={studies}
            isEmpty={items.length === 0}
            empty={
              <Empty
                icon={<IconImaging size={28} />}
                title={filtered ? t('imaging.emptyFiltered') : t('imaging.empty')}
                description={filtered ? t('imaging.emptyFilteredHint') : t('imaging.emptyHint')}
              />
            }
          >
            <StudyTable studies={items} busy={studies.isFetching} />
            <ListFooter
              total={studies.data?.total ?? 0}
              page={page}
              pageSize={query.limit}
              onPage={(p) => setQuery({ offset: (p - 1) * query.limit })}
              onPageSize={(size) =>
                setQuery({ limit: size === IMAGING_PAGE_SIZE ? null : size, offset: null })
              }
            />
          </QueryStates>
        </Stack>
      </Paper>
    </Stack>
  );
}

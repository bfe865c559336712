import type { Encounter } from '@carebase/contracts';
import { ActionIcon, Badge, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useAddDiagnosis, useRemoveDiagnosis } from './encounters.queries.ts';
import { useIcd10Description } from './icd10-description.ts';
import { Icd10Search } from './icd10-search.tsx';

interface DiagnosesSectionProps {
  patientId: string;
  encounter: Encounter;
  editable: boolean;
}

/** ICD-10 coded diagnoses of an encounter; the first one added is the primary one. */
export function DiagnosesSection({ patientId, encounter, editable }: DiagnosesSectionProps) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const describe = useIcd10Description();
  const notify = useNotify();
  const add = useAddDiagnosis(patientId, encounter.id);
  const remove = useRemoveDiagnosis(patientId, encounter.id);
  const sorted = [...encounter.diagnoses].sort((a, b) =>
    a.kind === b.kind ? a.createdAt.localeCompare(b.createdAt) : a.kind === 'primary' ? -1 : 1,
  );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="diagnoses-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="diagnoses-title">
          {t('encounters.diagnoses.title')}
        </Title>
        {sorted.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('encounters.diagnoses.none')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" className="plain-list">
            {sorted.map((d) => (
              <Group key={d.id} component="li" gap="sm" wrap="nowrap" justify="space-between">
                <Group gap="sm" wrap="nowrap">
                  <Badge variant="outline" ff="monospace" tt="none">
                    {d.code}
                  </Badge>
                  <Text size="sm">{describe(d)}</Text>
                  <Badge size="xs" color={d.kind === 'primary' ? 'teal' : 'gray'} variant="light">
                    {t(`encounters.diagnoses.kinds.${d.kind}`)}
                  </Badge>
                </Group>
                {editable ? (
                  <Tooltip label={t('encounters.diagnoses.remove', { code: d.code })} withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('encounters.diagnoses.remove', { code: d.code })}
                      loading={remove.isPending && remove.variables === d.id}
                      onClick={() => remove.mutate(d.id, { onError: notify.error })}
                    >
                      <span aria-hidden="true">×</span>
                    </ActionIcon>
                  </Tooltip>
                ) : null}
              </Group>
            ))}
          </Stack>
        )}
        {editable ? (
          <Icd10Search
            disabled={add.isPending}
            error={serverError(add.error, 'code') ?? serverError(add.error, 'kind')}
            onPick={(code) =>
              add.mutate(
                { code },
                {
                  onSuccess: (d) => notify.success(t('encounters.diagnoses.added', { code: d.code })),
                },
              )
            }
          />
        ) : null}
      </Stack>
    </Paper>
  );
}

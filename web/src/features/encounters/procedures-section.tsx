import type { Encounter } from '@carebase/contracts';
import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useAddProcedure, useRemoveProcedure } from './encounters.queries.ts';

interface ProceduresSectionProps {
  patientId: string;
  encounter: Encounter;
  editable: boolean;
}

/** Procedures and treatments performed during the encounter. */
export function ProceduresSection({ patientId, encounter, editable }: ProceduresSectionProps) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const add = useAddProcedure(patientId, encounter.id);
  const remove = useRemoveProcedure(patientId, encounter.id);
  const [description, setDescription] = useState('');
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!description.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    add.mutate(
      { description: description.trim(), code: code.trim() || undefined },
      {
        onSuccess: () => {
          setDescription('');
          setCode('');
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="procedures-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="procedures-title">
          {t('encounters.procedures.title')}
        </Title>
        {encounter.procedures.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('encounters.procedures.none')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" className="plain-list">
            {encounter.procedures.map((p) => (
              <Group key={p.id} component="li" gap="sm" justify="space-between" wrap="nowrap">
                <div>
                  <Text size="sm" fw={500}>
                    {p.code ? `${p.code} · ` : ''}
                    {p.description}
                  </Text>
                  <DateTimeText value={p.performedAt} size="xs" c="dimmed" />
                </div>
                {editable ? (
                  <Tooltip label={t('encounters.procedures.remove', { name: p.description })} withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('encounters.procedures.remove', { name: p.description })}
                      onClick={() => remove.mutate(p.id, { onError: notify.error })}
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
          <form onSubmit={submit} noValidate aria-label={t('encounters.procedures.add')}>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('encounters.procedures.description')}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                error={missing ? t('validation.required') : serverError(add.error, 'description')}
                maxLength={500}
                style={{ flex: 2, minWidth: 220 }}
              />
              <TextInput
                label={t('encounters.procedures.code')}
                description={t('encounters.procedures.codeHint')}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={serverError(add.error, 'code')}
                maxLength={20}
                style={{ flex: 1, minWidth: 140 }}
              />
              <Button type="submit" variant="default" mt={24} loading={add.isPending}>
                {t('encounters.procedures.add')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}

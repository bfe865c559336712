import type { Encounter } from '@carebase/contracts';
import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { useAddAddendum } from './encounters.queries.ts';

interface AddendaSectionProps {
  patientId: string;
  encounter: Encounter;
  canAdd: boolean;
}

/** Corrections to a signed note: the note stays as signed; each addendum says who, when and why. */
export function AddendaSection({ patientId, encounter, canAdd }: AddendaSectionProps) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const add = useAddAddendum(patientId, encounter.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState<{ reason?: boolean; text?: boolean }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = { reason: !reason.trim(), text: !text.trim() };
    setMissing(found);
    if (found.reason || found.text) return;
    add.mutate(
      { reason: reason.trim(), text: text.trim() },
      {
        onSuccess: () => {
          notify.success(t('encounters.addenda.added'));
          setReason('');
          setText('');
          setOpen(false);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="addenda-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="h4" id="addenda-title">
            {t('encounters.addenda.title')}
          </Title>
          {canAdd && !open ? (
            <Button variant="default" onClick={() => setOpen(true)}>
              {t('encounters.addenda.add')}
            </Button>
          ) : null}
        </Group>
        {encounter.addenda.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('encounters.addenda.none')}
          </Text>
        ) : (
          <Stack gap="sm" component="ol" className="plain-list">
            {encounter.addenda.map((a) => (
              <Paper
                key={a.id}
                component="li"
                withBorder
                p="sm"
                radius="sm"
                bg="var(--mantine-color-default-hover)"
              >
                <Text size="xs" c="dimmed">
                  {t('encounters.addenda.byline', { author: a.authorName })} ·{' '}
                  <DateTimeText value={a.createdAt} size="xs" c="dimmed" />
                </Text>
                <Text size="sm" fw={600} mt={4}>
                  {t('encounters.addenda.reasonLabel', { reason: a.reason })}
                </Text>
                <Text size="sm" className="soap-readonly">
                  {a.text}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        {open ? (
          <form onSubmit={submit} noValidate aria-label={t('encounters.addenda.add')}>
            <Stack gap="sm">
              <FormError
                error={
                  add.error && !serverError(add.error, 'reason') && !serverError(add.error, 'text')
                    ? add.error
                    : null
                }
              />
              <TextInput
                label={t('encounters.addenda.reason')}
                description={t('encounters.addenda.reasonHint')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={missing.reason ? t('validation.required') : serverError(add.error, 'reason')}
                maxLength={500}
                required
                data-autofocus
              />
              <Textarea
                label={t('encounters.addenda.text')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                error={missing.text ? t('validation.required') : serverError(add.error, 'text')}
                maxLength={20_000}
                autosize
                minRows={3}
                required
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setOpen(false)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={add.isPending}>
                  {t('encounters.addenda.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}

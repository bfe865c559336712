import type { Encounter, QueueTicket } from '@carebase/contracts';
import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconLock } from '../../components/icons.tsx';
import { FormError } from '../../components/query-error.tsx';
import { useErrorMessage, useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { useVisitAction } from '../queue/queue.queries.ts';
import { useSignEncounter, useUpdateEncounter } from './encounters.queries.ts';
import { SignConfirmModal } from './sign-confirm-modal.tsx';
import { canBeSigned, draftOf, NOTE_FIELDS, type NoteDraft, notePatch } from './soap-model.ts';

const AUTOSAVE_MS = 1500;

interface SoapEditorProps {
  patientId: string;
  encounter: Encounter;
  canWrite: boolean;
  canSign: boolean;
}

/** The note of a draft encounter: saved automatically a moment after typing stops, and signed from here. */
export function SoapEditor({ patientId, encounter, canWrite, canSign }: SoapEditorProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const errorMessage = useErrorMessage();
  const format = useFormatters();
  const update = useUpdateEncounter(patientId, encounter.id);
  const sign = useSignEncounter(patientId, encounter.id);
  const visitAction = useVisitAction();
  const saved = useMemo(() => draftOf(encounter), [encounter]);
  const [draft, setDraft] = useState<NoteDraft>(saved);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [debounced] = useDebouncedValue(draft, AUTOSAVE_MS);
  const patch = notePatch(saved, draft);
  const dirty = patch !== null;
  const inFlight = useRef(false);

  const save = async (): Promise<boolean> => {
    const current = notePatch(saved, draft);
    if (!current || !canWrite) return true;
    if (inFlight.current) return false;
    inFlight.current = true;
    try {
      await update.mutateAsync(current);
      setSavedAt(new Date().toISOString());
      return true;
    } catch {
      return false;
    } finally {
      inFlight.current = false;
    }
  };

  // Autosave once typing pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a pause in typing triggers it
  useEffect(() => {
    if (notePatch(saved, debounced) && !update.isError) void save();
  }, [debounced]);

  // Leaving the page with unsaved text asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = (key: keyof NoteDraft, value: string) => {
    if (update.isError) update.reset();
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const finishVisit = (visit: QueueTicket) =>
    visitAction.mutate(
      { id: visit.id, action: 'done' },
      {
        onSuccess: (done) =>
          notify.success(
            t('queue.actions.applied', { ticket: done.ticket, status: t(`queue.statuses.${done.status}`) }),
          ),
        onError: notify.error,
      },
    );

  const confirmSign = async (visit: QueueTicket | null) => {
    if (!(await save())) return;
    sign.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        notify.success(t('encounters.signed'));
        if (visit) finishVisit(visit);
      },
      onError: (error) => {
        setConfirming(false);
        notify.error(error);
      },
    });
  };

  let status: string;
  if (update.isPending) status = t('encounters.soap.saving');
  else if (update.isError) status = t('encounters.soap.saveFailed', { error: errorMessage(update.error) });
  else if (dirty) status = t('encounters.soap.unsaved');
  else if (savedAt) status = t('encounters.soap.savedAt', { time: format.dateTime(savedAt) });
  else status = t('encounters.soap.upToDate');

  const labels: Record<(typeof NOTE_FIELDS)[number], { label: string; hint: string }> = {
    subjective: { label: t('encounters.soap.subjective'), hint: t('encounters.soap.subjectiveHint') },
    objective: { label: t('encounters.soap.objective'), hint: t('encounters.soap.objectiveHint') },
    assessment: { label: t('encounters.soap.assessment'), hint: t('encounters.soap.assessmentHint') },
    plan: { label: t('encounters.soap.plan'), hint: t('encounters.soap.planHint') },
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="soap-title">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} fz="h4" id="soap-title">
            {t('encounters.soap.title')}
          </Title>
          <Text size="sm" c={update.isError ? 'red' : 'dimmed'} role="status" aria-live="polite">
            {status}
          </Text>
        </Group>
        <TextInput
          label={t('encounters.chiefComplaint')}
          value={draft.chiefComplaint}
          onChange={(e) => set('chiefComplaint', e.currentTarget.value)}
          maxLength={500}
          readOnly={!canWrite}
        />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          {NOTE_FIELDS.map((field) => (
            <Textarea
              key={field}
              label={labels[field].label}
              description={labels[field].hint}
              value={draft[field]}
              onChange={(e) => set(field, e.currentTarget.value)}
              autosize
              minRows={4}
              maxRows={16}
              maxLength={20_000}
              readOnly={!canWrite}
            />
          ))}
        </SimpleGrid>
        {sign.isError ? <FormError error={sign.error} /> : null}
        {canWrite || canSign ? (
          <Group justify="flex-end" gap="sm">
            {canWrite ? (
              <Button
                variant="default"
                onClick={() => void save()}
                disabled={!dirty}
                loading={update.isPending}
              >
                {t('encounters.soap.saveDraft')}
              </Button>
            ) : null}
            {canSign ? (
              <Button
                leftSection={<IconLock size={16} />}
                onClick={() => setConfirming(true)}
                disabled={!canBeSigned(draft)}
                title={canBeSigned(draft) ? undefined : t('encounters.sign.emptyNote')}
              >
                {t('encounters.sign.button')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      <SignConfirmModal
        opened={confirming}
        encounterId={encounter.id}
        loading={sign.isPending || update.isPending}
        onConfirm={(visit) => void confirmSign(visit)}
        onClose={() => setConfirming(false)}
      />
    </Paper>
  );
}

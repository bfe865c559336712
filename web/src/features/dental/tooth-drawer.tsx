import {
  checkDentalEntry,
  type DentalCondition,
  type DentalToothState,
  SURFACE_CONDITIONS,
  type Surface,
  WHOLE_TOOTH_CONDITIONS,
} from '@carebase/contracts';
import {
  Badge,
  Button,
  Chip,
  Divider,
  Drawer,
  Group,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { hasFieldErrorFor } from '../../lib/api.ts';
import { useRecordDentalEntry, useToothHistory } from './dental.queries.ts';
import { surfaceOptions } from './dental-layout.ts';
import { ConditionSymbol } from './dental-legend.tsx';
import type { DentalWords } from './use-dental-words.ts';

function ConditionBadge({ condition, label }: { condition: DentalCondition; label: string }) {
  return (
    <Badge
      variant="light"
      color="gray"
      radius="sm"
      leftSection={<ConditionSymbol condition={condition} size={12} />}
      styles={{ root: { textTransform: 'none', color: 'var(--mantine-color-dark-6)' } }}
    >
      {label}
    </Badge>
  );
}

/** Surface conditions first, then the conditions of the whole tooth. */
const CONDITION_ROWS: readonly (readonly DentalCondition[])[] = [
  ['healthy', ...SURFACE_CONDITIONS],
  WHOLE_TOOTH_CONDITIONS,
];

interface RecordFormProps {
  patientId: string;
  tooth: number;
  initialSurface: Surface | undefined;
  words: DentalWords;
}

function RecordForm({ patientId, tooth, initialSurface, words }: RecordFormProps) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const record = useRecordDentalEntry(patientId);
  const conditionLabelId = useId();
  const surfacesLabelId = useId();
  const [condition, setCondition] = useState<DentalCondition>('caries');
  const [surfaces, setSurfaces] = useState<Surface[]>(initialSurface ? [initialSurface] : []);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new tooth or surface starts a new form
  useEffect(() => {
    setSurfaces(initialSurface ? [initialSurface] : []);
    setProblem(null);
    record.reset();
  }, [tooth, initialSurface]);

  const whole = WHOLE_TOOTH_CONDITIONS.includes(condition);
  const surfaceNeeded = SURFACE_CONDITIONS.includes(condition);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = whole ? [] : surfaces;
    const checked = checkDentalEntry(tooth, chosen, condition);
    if ('problem' in checked) {
      setProblem(t('dental.drawer.needSurface', { condition: words.condition(condition) }));
      return;
    }
    setProblem(null);
    record.mutate(
      { tooth, surfaces: checked.surfaces, condition, note: note.trim() || null },
      {
        onSuccess: () => {
          notify.success(t('dental.drawer.saved', { number: words.number(tooth) }));
          setNote('');
          setSurfaces([]);
        },
      },
    );
  };

  const surfaceError = problem ?? serverError(record.error, 'surfaces');

  return (
    <form onSubmit={submit} noValidate aria-label={t('dental.drawer.record')}>
      <Stack gap="md">
        <Title order={3} size="h5">
          {t('dental.drawer.record')}
        </Title>
        <Stack gap={6}>
          <Text id={conditionLabelId} size="sm" fw={500}>
            {t('dental.drawer.condition')}
          </Text>
          <Chip.Group
            value={condition}
            onChange={(value) => {
              setCondition(value as DentalCondition);
              setProblem(null);
            }}
          >
            <Stack gap={6} role="radiogroup" aria-labelledby={conditionLabelId}>
              {CONDITION_ROWS.map((row) => (
                <Group gap={6} key={row.join()}>
                  {row.map((value) => (
                    <Chip key={value} value={value} size="sm" radius="sm" variant="outline">
                      <Group gap={6} component="span" wrap="nowrap">
                        <ConditionSymbol condition={value} size={12} />
                        {words.condition(value)}
                      </Group>
                    </Chip>
                  ))}
                </Group>
              ))}
            </Stack>
          </Chip.Group>
        </Stack>

        <Stack gap={6}>
          <Text id={surfacesLabelId} size="sm" fw={500}>
            {t('dental.drawer.surfaces')}
          </Text>
          <Chip.Group
            multiple
            value={whole ? [] : surfaces}
            onChange={(value) => {
              setSurfaces(value as Surface[]);
              setProblem(null);
            }}
          >
            <Group gap={6} role="group" aria-labelledby={surfacesLabelId}>
              {surfaceOptions(tooth).map(({ surface }) => (
                <Chip key={surface} value={surface} size="sm" radius="sm" disabled={whole}>
                  {`${words.surfaceShort(tooth, surface)} · ${words.surfaceName(tooth, surface)}`}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Text size="xs" c={surfaceError ? 'red' : 'dimmed'} role={surfaceError ? 'alert' : undefined}>
            {surfaceError ??
              (whole
                ? t('dental.drawer.wholeHint')
                : surfaceNeeded
                  ? t('dental.drawer.surfacesHint')
                  : t('dental.drawer.healthyHint'))}
          </Text>
        </Stack>

        <Textarea
          label={t('dental.drawer.note')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          error={serverError(record.error, 'note')}
        />
        {record.error && !hasFieldErrorFor(record.error, ['surfaces', 'note']) ? (
          <FormError error={record.error} />
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending}>
            {t('dental.drawer.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ToothHistory({ patientId, tooth, words }: { patientId: string; tooth: number; words: DentalWords }) {
  const { t } = useTranslation();
  const history = useToothHistory(patientId, tooth);
  if (history.isPending) return <Skeleton h={80} />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('dental.drawer.historyEmpty')}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} color="gray">
      {history.data.entries.map((entry) => (
        <Timeline.Item
          key={entry.id}
          bullet={<ConditionSymbol condition={entry.condition} size={10} />}
          title={
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {words.condition(entry.condition)}
              </Text>
              {entry.surfaces.length > 0 ? (
                <Badge size="sm" variant="outline" color="gray" radius="sm">
                  {words.surfaceList(tooth, entry.surfaces)}
                </Badge>
              ) : null}
            </Group>
          }
        >
          <Text size="xs" c="dimmed">
            <DateTimeText value={entry.recordedAt} size="xs" c="dimmed" />
            {entry.recordedBy ? ` · ${entry.recordedBy.name}` : ''}
            {entry.procedureId ? ` · ${t('dental.drawer.fromProcedure')}` : ''}
          </Text>
          {entry.note ? (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {entry.note}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export interface ToothDrawerProps {
  patientId: string;
  tooth: number | null;
  surface: Surface | undefined;
  state: DentalToothState | undefined;
  canWrite: boolean;
  words: DentalWords;
  onClose: () => void;
}

/** A tooth opened from the chart: what it has now, a form to record a finding, and its history. */
export function ToothDrawer({
  patientId,
  tooth,
  surface,
  state,
  canWrite,
  words,
  onClose,
}: ToothDrawerProps) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<number | null>(tooth);
  useEffect(() => {
    if (tooth !== null) setShown(tooth);
  }, [tooth]);
  const current = tooth ?? shown;

  const surfaceStates = state?.surfaces.filter((s) => s.condition !== 'healthy') ?? [];
  const wholeStates = state?.conditions.filter((c) => c !== 'healthy') ?? [];

  return (
    <Drawer
      opened={tooth !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={
        current === null ? null : (
          <>
            <Text span display="block" fw={700} size="lg">
              {t('dental.toothTitle', { number: words.number(current) })}
            </Text>
            <Text span display="block" size="sm" c="dimmed" fw={400}>
              {words.toothName(current)}
            </Text>
          </>
        )
      }
    >
      {current === null ? null : (
        <Stack gap="lg">
          <Stack gap={6}>
            <Title order={3} size="h5">
              {t('dental.drawer.current')}
            </Title>
            {wholeStates.length === 0 && surfaceStates.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('dental.noFindingsLong')}
              </Text>
            ) : (
              <Group gap={6}>
                {wholeStates.map((c) => (
                  <ConditionBadge key={c} condition={c} label={words.condition(c)} />
                ))}
                {surfaceStates.map((s) => (
                  <ConditionBadge
                    key={s.surface}
                    condition={s.condition}
                    label={`${words.surfaceShort(current, s.surface)} · ${words.condition(s.condition)}`}
                  />
                ))}
              </Group>
            )}
          </Stack>
          <Divider />
          {canWrite ? (
            <RecordForm patientId={patientId} tooth={current} initialSurface={surface} words={words} />
          ) : (
            <Text size="sm" c="dimmed" className="dental-readonly-note">
              {t('dental.drawer.readOnly')}
            </Text>
          )}
          <Divider />
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('dental.drawer.history')}
            </Title>
            <ToothHistory patientId={patientId} tooth={current} words={words} />
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}

import type { ImagingStudyDetail } from '@carebase/contracts';
import { Badge, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { usePatientFormat } from '../patients/patient-display.tsx';
import { PatientPicker } from '../patients/patient-picker.tsx';
import { useLinkStudy } from './imaging.queries.ts';
import { IconLink } from './imaging-icons.tsx';
import { useDicomName } from './study-display.tsx';
import { isoOfDicomDate, matchOf } from './study-format.ts';

const MATCH_COLORS = { strong: 'teal', possible: 'yellow', weak: 'gray' } as const;

interface Chosen {
  id: string;
  name: string;
  mrn: string;
}

/** The checkbox that also writes the Carebase patient into the stored files (the originals are kept). */
export function RewriteCheckbox({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox
      label={t('imaging.linking.rewrite')}
      description={t('imaging.linking.rewriteHint')}
      checked={checked}
      onChange={(e) => onChange(e.currentTarget.checked)}
    />
  );
}

/**
 * Links a study to a Carebase patient: the patients the archive suggests (by name and birth date), or any
 * patient found by search; then a confirmation, with the choice to rewrite the stored files.
 */
export function LinkStudyPanel({
  study,
  onLinked,
  onCancel,
}: {
  study: ImagingStudyDetail;
  onLinked?: () => void;
  /** Shown as a Cancel button: the panel was opened on purpose and may be closed again. */
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = usePatientFormat();
  const dicomName = useDicomName();
  const link = useLinkStudy();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [rewrite, setRewrite] = useState(false);
  const headingId = useId();
  const birth = isoOfDicomDate(study.dicomBirthDate);

  const choose = (patient: Chosen) => {
    link.reset();
    setChosen(patient);
  };

  const confirm = () => {
    if (!chosen) return;
    link.mutate(
      { id: study.id, body: { patientId: chosen.id, rewrite } },
      {
        onSuccess: () => {
          notify.success(t('imaging.linking.done', { name: chosen.name, mrn: chosen.mrn }));
          setChosen(null);
          onLinked?.();
        },
      },
    );
  };

  return (
    <Stack gap="md" component="section" aria-labelledby={headingId}>
      <Stack gap={2}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="h5" id={headingId}>
            {study.link === 'unmatched' ? t('imaging.linking.title') : t('imaging.linking.relinkTitle')}
          </Title>
          {onCancel ? (
            <Button size="xs" variant="subtle" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t('imaging.linking.filesSay', {
            name: dicomName(study.dicomPatientName),
            id: study.dicomPatientId || t('imaging.noDicomId'),
            birth: birth ? format.calendarDate(birth) : t('common.emptyValue'),
          })}
        </Text>
      </Stack>

      {chosen ? (
        <Paper withBorder p="md" radius="md" bg="var(--mantine-color-body)">
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              {t('imaging.linking.confirm', { name: chosen.name, mrn: chosen.mrn })}
            </Text>
            <RewriteCheckbox checked={rewrite} onChange={setRewrite} />
            <FormError error={link.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setChosen(null)} disabled={link.isPending}>
                {t('imaging.linking.back')}
              </Button>
              <Button leftSection={<IconLink size={16} />} onClick={confirm} loading={link.isPending}>
                {t('imaging.linking.link')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        <>
          {study.suggestions.length > 0 ? (
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t('imaging.linking.suggestions')}
              </Text>
              <Stack gap={4} component="ul" className="plain-list">
                {study.suggestions.map((s) => (
                  <Group
                    key={s.id}
                    component="li"
                    justify="space-between"
                    wrap="nowrap"
                    gap="sm"
                    p="xs"
                    style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
                  >
                    <Stack gap={0}>
                      <Text size="sm" fw={600}>
                        {s.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('imaging.mrn', { mrn: s.mrn })} · {format.calendarDate(s.birthDate)}
                      </Text>
                    </Stack>
                    <Group gap="xs" wrap="nowrap">
                      <Badge variant="light" color={MATCH_COLORS[matchOf(s.score)]}>
                        {t(`imaging.linking.match.${matchOf(s.score)}`)}
                      </Badge>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => choose({ id: s.id, name: s.name, mrn: s.mrn })}
                        aria-label={t('imaging.linking.chooseNamed', { name: s.name, mrn: s.mrn })}
                      >
                        {t('imaging.linking.choose')}
                      </Button>
                    </Group>
                  </Group>
                ))}
              </Stack>
            </Stack>
          ) : study.link === 'unmatched' ? (
            <Text size="sm" c="dimmed">
              {t('imaging.linking.noSuggestions')}
            </Text>
          ) : null}
          <PatientPicker
            label={t('imaging.linking.search')}
            excludeIds={study.patientId ? [study.patientId] : []}
            onPick={(p) => choose({ id: p.id, name: p.displayName, mrn: p.mrn })}
          />
        </>
      )}
    </Stack>
  );
}

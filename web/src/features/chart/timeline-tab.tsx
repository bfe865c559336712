import { CertificateListSchema } from '@carebase/contracts';
import { Anchor, Chip, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty } from '../../components/empty.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { api, pathOf } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { patientKeys } from '../../lib/query-keys.ts';
import { attachmentUrl, useAttachments } from '../attachments/attachments.queries.ts';
import { formatBytes } from '../attachments/file-rules.ts';
import { useEncounters } from '../encounters/encounters.queries.ts';
import { useIcd10Description } from '../encounters/icd10-description.ts';
import { calendarDateAsInstant } from '../patients/patient-age.ts';
import { drugLine } from '../prescriptions/prescription-model.ts';
import { usePatientPrescriptions } from '../prescriptions/prescriptions.queries.ts';
import { useVitalsTrend } from '../vitals/vitals.queries.ts';
import { useChart } from './chart-context.ts';
import {
  groupByDay,
  TIMELINE_KINDS,
  type TimelineEvent,
  type TimelineKind,
  timelineEvents,
} from './timeline.ts';

const COLORS: Record<TimelineKind, string> = {
  encounter: 'teal',
  diagnosis: 'indigo',
  vitals: 'pink',
  prescription: 'orange',
  file: 'gray',
  certificate: 'grape',
  allergy: 'red',
  condition: 'yellow',
};

function useEventText() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const describe = useIcd10Description();
  return (event: TimelineEvent, patientId: string): { title: ReactNode; detail?: ReactNode } => {
    switch (event.kind) {
      case 'encounter': {
        const e = event.encounter;
        return {
          title: (
            <Anchor component={Link} to={`/patients/${patientId}/encounters/${e.id}`} fw={600} size="sm">
              {t('timeline.encounter', { type: t(`encounters.types.${e.type}`), provider: e.providerName })}
            </Anchor>
          ),
          detail: [e.chiefComplaint, t(`encounters.statuses.${e.status}`)].filter(Boolean).join(' · '),
        };
      }
      case 'diagnosis':
        return { title: t('timeline.diagnosis', { code: event.code, description: describe(event) }) };
      case 'vitals': {
        const v = event.vitals;
        const parts = [
          v.systolic !== null && v.diastolic !== null
            ? `${t('vitals.columns.bp')} ${v.systolic}/${v.diastolic}`
            : null,
          v.heartRate !== null ? `${t('vitals.columns.hr')} ${v.heartRate}` : null,
          v.temperatureC !== null ? `${format.number(v.temperatureC)} °C` : null,
          v.spo2 !== null ? `SpO2 ${v.spo2}%` : null,
          v.weightKg !== null ? `${format.number(v.weightKg)} kg` : null,
        ].filter(Boolean);
        return { title: t('timeline.vitals'), detail: parts.join(' · ') };
      }
      case 'prescription':
        return {
          title: t('timeline.prescription', { drug: drugLine(event.prescription) }),
          detail: [
            event.prescription.dose,
            event.prescription.route,
            event.prescription.frequency,
            event.prescription.prescriberName,
          ].join(' · '),
        };
      case 'file':
        return {
          title: (
            <Anchor
              href={attachmentUrl(event.attachment.id)}
              target="_blank"
              rel="noreferrer"
              fw={600}
              size="sm"
            >
              {t('timeline.file', { name: event.attachment.filename })}
            </Anchor>
          ),
          detail: `${t(`attachments.kinds.${event.attachment.kind}`)} · ${formatBytes(event.attachment.size, i18n.language)}`,
        };
      case 'certificate':
        return {
          title: t('timeline.certificate', {
            title: event.certificate.title ?? t(`timeline.certificateTypes.${event.certificate.type}`),
          }),
          detail: [event.certificate.number, t(`timeline.certificateStatuses.${event.certificate.status}`)]
            .filter(Boolean)
            .join(' · '),
        };
      case 'allergy':
        return {
          title: t('timeline.allergy', { substance: event.allergy.substance }),
          detail: t(`patients.severities.${event.allergy.severity}`),
        };
      case 'condition':
        return {
          title: t('timeline.condition', { name: event.condition.name }),
          detail: event.condition.icd10Code ?? undefined,
        };
    }
  };
}

/** `/patients/:id/timeline`: everything in the record in date order, grouped by day. */
export function TimelineTab() {
  const { t } = useTranslation();
  const { patient, access } = useChart();
  const format = useFormatters();
  const text = useEventText();
  const encounters = useEncounters(patient.id, { page: 1, pageSize: 200 });
  const vitals = useVitalsTrend(patient.id);
  const prescriptions = usePatientPrescriptions(patient.id, 'all');
  const attachments = useAttachments(patient.id);
  const certificates = useQuery({
    queryKey: [...patientKeys.chart(patient.id), 'certificates', 'timeline'],
    queryFn: ({ signal }) =>
      api.get(pathOf`/api/patients/${patient.id}/certificates`, CertificateListSchema, { signal }),
    enabled: access.certificates,
  });
  const [kinds, setKinds] = useState<string[]>([...TIMELINE_KINDS]);

  const queries = [encounters, vitals, prescriptions, attachments];
  const failed = queries.find((q) => q.isError);
  const pending = queries.some((q) => q.isPending);

  const days = useMemo(() => {
    const events = timelineEvents({
      encounters: encounters.data?.items,
      vitals: vitals.data?.items,
      prescriptions: prescriptions.data?.items,
      attachments: attachments.data?.items,
      certificates: certificates.data?.items,
      allergies: patient.allergies,
      conditions: patient.conditions,
    }).filter((event) => kinds.includes(event.kind));
    return groupByDay(events, format.context.timeZone);
  }, [
    encounters.data,
    vitals.data,
    prescriptions.data,
    attachments.data,
    certificates.data,
    patient,
    kinds,
    format.context.timeZone,
  ]);

  if (failed?.error)
    return <QueryError error={failed.error} onRetry={() => queries.forEach((q) => void q.refetch())} />;

  return (
    <Stack gap="md">
      <Chip.Group multiple value={kinds} onChange={setKinds}>
        <Group gap="xs" role="group" aria-label={t('timeline.filter')}>
          {TIMELINE_KINDS.filter((k) => k !== 'certificate' || access.certificates).map((kind) => (
            <Chip key={kind} value={kind} size="sm" color={COLORS[kind]} variant="light">
              {t(`timeline.kinds.${kind}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {pending ? (
        <TableSkeleton />
      ) : days.length === 0 ? (
        <Empty title={t('timeline.empty')} description={t('timeline.emptyHint')} />
      ) : (
        <Stack gap="lg">
          {encounters.data && encounters.data.total > encounters.data.items.length ? (
            <Text size="sm" c="dimmed">
              {t('timeline.partial', { count: encounters.data.items.length })}
            </Text>
          ) : null}
          {days.map((day) => (
            <Paper
              key={day.day}
              withBorder
              p="md"
              radius="md"
              component="section"
              aria-labelledby={`day-${day.day}`}
            >
              <Title order={2} fz="h5" id={`day-${day.day}`} mb="sm">
                {formatDate(calendarDateAsInstant(day.day) ?? day.day, {
                  ...format.context,
                  timeZone: 'UTC',
                })}
              </Title>
              <Timeline bulletSize={14} lineWidth={2} active={day.events.length - 1}>
                {day.events.map((event) => {
                  const { title, detail } = text(event, patient.id);
                  return (
                    <Timeline.Item
                      key={event.id}
                      color={COLORS[event.kind]}
                      title={
                        <Group gap="xs" wrap="nowrap">
                          <Text size="xs" c="dimmed" className="nowrap">
                            {new Intl.DateTimeFormat(format.context.language, {
                              timeStyle: 'short',
                              timeZone: format.context.timeZone,
                            }).format(new Date(event.at))}
                          </Text>
                          <Text size="xs" tt="uppercase" fw={700} c={`${COLORS[event.kind]}.7`}>
                            {t(`timeline.kinds.${event.kind}`)}
                          </Text>
                        </Group>
                      }
                    >
                      <Text size="sm" fw={500} component="div">
                        {title}
                      </Text>
                      {detail ? (
                        <Text size="xs" c="dimmed">
                          {detail}
                        </Text>
                      ) : null}
                    </Timeline.Item>
                  );
                })}
              </Timeline>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

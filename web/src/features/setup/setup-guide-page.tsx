import { Button, Group, NavLink, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { IconCheck } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { FormSkeleton } from '../../components/table-skeleton.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { DepartmentsTab } from '../scheduling/departments-tab.tsx';
import { RoomsTab } from '../scheduling/rooms-tab.tsx';
import { useDepartments, useRooms } from '../scheduling/scheduling.queries.ts';
import { ServicesTab } from '../scheduling/services-tab.tsx';
import { ClinicStep } from './clinic-step.tsx';
import { ProvidersStep } from './providers-step.tsx';
import { SampleDataStep } from './sample-data-step.tsx';
import { setupChecklistKey, useSetupChecklist } from './setup.queries.ts';
import {
  nextSetupStep,
  previousSetupStep,
  SETUP_STEPS,
  type SetupStep,
  setupStepOf,
  setupStepsDone,
} from './setup-steps.ts';

/**
 * `/setup/:step`: the clinic's first day, one step at a time (clinic → departments → rooms → services →
 * providers → optional sample data). Every step can be skipped and come back to; which are done is read from the data.
 */
export function SetupGuidePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const step = setupStepOf(useParams().step);
  const checklist = useSetupChecklist();
  const departments = useDepartments();
  const rooms = useRooms();
  const canSchedule = hasPermission(me, 'schedules:write');

  // Settings and users change the checklist too, outside the schedules' keys: read it again on each step.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the step is what triggers the refetch
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: setupChecklistKey });
  }, [step, queryClient]);

  const goTo = (target: SetupStep | null) => void navigate(target ? `/setup/${target}` : '/');
  const next = nextSetupStep(step);
  const previous = previousSetupStep(step);

  if (checklist.isError)
    return <QueryError error={checklist.error} onRetry={() => void checklist.refetch()} />;
  const done = checklist.data
    ? setupStepsDone(checklist.data, {
        activeDepartments: departments.data?.filter((d) => d.active).length ?? 0,
        activeRooms: rooms.data?.filter((r) => r.active).length ?? 0,
      })
    : null;
  const doneCount = done ? SETUP_STEPS.filter((s) => done[s]).length : 0;

  const panels: Record<SetupStep, ReactNode> = {
    clinic: (
      <ClinicStep
        onSaved={async () => {
          // The tick must be right when the next step shows, not a moment later.
          await queryClient.invalidateQueries({ queryKey: setupChecklistKey });
          goTo(next);
        }}
      />
    ),
    departments: <DepartmentsTab canWrite={canSchedule} />,
    rooms: <RoomsTab canWrite={canSchedule} />,
    services: <ServicesTab canWrite={canSchedule} />,
    providers: <ProvidersStep canAddUsers={hasPermission(me, 'users:write')} canEditHours={canSchedule} />,
    sample: <SampleDataStep canWrite={hasPermission(me, 'settings:write')} />,
  };

  return (
    <>
      <PageHeader
        title={t('setup.title')}
        description={t('setup.description')}
        actions={
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('setup.progress', { done: doneCount, total: SETUP_STEPS.length })}
          </Text>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 4 }} spacing="lg">
        <Paper withBorder radius="md" p="xs" component="nav" aria-label={t('setup.stepsLabel')}>
          {SETUP_STEPS.map((s, index) => (
            <NavLink
              key={s}
              component={Link}
              to={`/setup/${s}`}
              active={s === step}
              aria-current={s === step ? 'step' : undefined}
              label={t(`setup.steps.${s}.title`)}
              description={done ? t(done[s] ? 'setup.done' : 'setup.toDo') : undefined}
              leftSection={
                <ThemeIcon
                  radius="xl"
                  size="md"
                  variant={done?.[s] ? 'filled' : 'light'}
                  color={done?.[s] ? 'teal' : 'gray'}
                  aria-hidden
                >
                  {done?.[s] ? <IconCheck size={14} /> : <Text size="xs">{index + 1}</Text>}
                </ThemeIcon>
              }
            />
          ))}
        </Paper>
        <Paper
          withBorder
          radius="md"
          p="lg"
          component="section"
          aria-labelledby="setup-step-title"
          style={{ gridColumn: 'span 3' }}
        >
          <Stack>
            <Stack gap={4}>
              <Title order={2} fz="h3" id="setup-step-title">
                {t(`setup.steps.${step}.title`)}
              </Title>
              <Text size="sm" c="dimmed">
                {t(`setup.steps.${step}.description`)}
              </Text>
            </Stack>
            {checklist.isPending ? <FormSkeleton fields={4} /> : panels[step]}
            <Group justify="space-between" mt="md">
              {previous ? (
                <Button variant="default" onClick={() => goTo(previous)}>
                  {t('setup.back')}
                </Button>
              ) : (
                <span />
              )}
              <Button variant={done?.[step] ? 'filled' : 'subtle'} onClick={() => goTo(next)}>
                {next ? t(done?.[step] ? 'setup.next' : 'setup.skip') : t('setup.finish')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </SimpleGrid>
    </>
  );
}

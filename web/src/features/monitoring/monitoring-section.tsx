import { Group, Paper, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';

interface MonitoringSectionProps {
  title: string;
  description?: ReactNode;
  /** Controls beside the title (a period picker). */
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled card of the dashboard, a landmark named by its title. */
export function MonitoringSection({ title, description, actions, children }: MonitoringSectionProps) {
  const id = useId();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <div>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </div>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

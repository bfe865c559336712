import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface StatCardProps {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  /** Shown in red: the figure needs attention. */
  alert?: boolean;
}

/** One key figure of a dashboard: its name, the value large, and a line that explains it. */
export function StatCard({ label, value, hint, alert }: StatCardProps) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text size="xl" fw={700} c={alert ? 'red.8' : undefined} component="div">
          {value}
        </Text>
        {hint ? (
          <Text size="sm" c={alert ? 'red.8' : 'dimmed'} component="div">
            {hint}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

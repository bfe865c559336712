import { Progress, Stack, Text } from '@mantine/core';

/** An upload's bar and its percentage, read out as it moves. */
export function UploadProgress({ percent, label, text }: { percent: number; label: string; text: string }) {
  return (
    <Stack gap={4}>
      <Progress value={percent} animated aria-label={label} />
      <Text size="xs" c="dimmed" aria-live="polite">
        {text}
      </Text>
    </Stack>
  );
}

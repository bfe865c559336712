import type { DatabaseHealth } from '@carebase/contracts';
import { Text } from '@mantine/core';
import { reasonsFor } from './monitoring-rules.ts';

/** Where a figure would be: why the engine cannot tell it, in the server's sentence. */
export function UnavailableNote({
  unavailable,
  items,
}: {
  unavailable: DatabaseHealth['unavailable'];
  items: readonly string[];
}) {
  const reasons = reasonsFor(unavailable, items);
  if (reasons.length === 0) return null;
  return (
    <Text size="sm" c="dimmed" fs="italic">
      {reasons.join(' ')}
    </Text>
  );
}

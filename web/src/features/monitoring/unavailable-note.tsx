import type { DatabaseHealth } from '@carebase/contracts';
import { Text } from '@mantine/core';

type Unavailable = DatabaseHealth['unavailable'];

const normal = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

/** The server's reasons for the items it cannot tell, whose name matches one of `items` (any spelling). */
export function reasonsFor(unavailable: Unavailable, items: readonly string[]): string[] {
  const wanted = new Set(items.map(normal));
  return unavailable.filter((u) => wanted.has(normal(u.item))).map((u) => u.reason);
}

/** Where a figure would be: why the engine cannot tell it, in the server's sentence. */
export function UnavailableNote({
  unavailable,
  items,
}: {
  unavailable: Unavailable;
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

import { Anchor, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * One line of a home card's list: a link in bold (usually the patient), anything beside it, and the details
 * below in small grey text, the empty ones left out.
 */
export function HomeCardItem({
  to,
  title,
  beside,
  details,
}: {
  to: string;
  title: ReactNode;
  beside?: ReactNode;
  details: readonly (string | null | undefined)[];
}) {
  const link = (
    <Anchor component={Link} to={to} size="sm" fw={600}>
      {title}
    </Anchor>
  );
  return (
    <Stack gap={0}>
      {beside ? (
        <Group gap={6} wrap="nowrap">
          {link}
          {beside}
        </Group>
      ) : (
        link
      )}
      <Text size="xs" c="dimmed">
        {details.filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}

/** The list a home card shows its items in. */
export function HomeCardList({ children }: { children: ReactNode }) {
  return <Stack gap={6}>{children}</Stack>;
}

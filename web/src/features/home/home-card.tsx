import { Anchor, Badge, Group, Paper, Stack, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';

/** The frame of every card on a home page: a title with an optional count, a link to the full page, the body. */
export function HomeCard({
  title,
  count,
  link,
  children,
}: {
  title: string;
  count?: number | undefined;
  link?: { to: string; label: string };
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id} h="100%">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Title order={2} fz="h4" id={id}>
              {title}
            </Title>
            {count !== undefined ? (
              <Badge variant="light" size="lg" circle={count < 100}>
                {count}
              </Badge>
            ) : null}
          </Group>
          {link ? (
            <Anchor component={Link} to={link.to} size="sm" style={{ whiteSpace: 'nowrap' }}>
              {link.label}
            </Anchor>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconInbox } from './icons.tsx';

interface EmptyProps {
  title: string;
  description?: string;
  action?: ReactNode;
  icon?: ReactNode;
  /** When the empty state is the whole page (not found, no access), its title is the page heading. */
  headingOrder?: 1 | 2 | 3;
}

/** What a list or page shows when it has nothing in it, with a hint about what to do. */
export function Empty({ title, description, action, icon, headingOrder }: EmptyProps) {
  return (
    <EmptyState py="xl" icon={icon ?? <IconInbox size={28} />} withIndicatorBackground>
      <EmptyState.Title order={headingOrder}>{title}</EmptyState.Title>
      {description ? <EmptyState.Description>{description}</EmptyState.Description> : null}
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  );
}

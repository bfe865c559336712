import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconInbox } from './icons.tsx';

interface EmptyProps {
  title: string;
  description?: string;
  action?: ReactNode;
  icon?: ReactNode;
}

/** What a list shows when it has nothing in it, with a hint about what to do. */
export function Empty({ title, description, action, icon }: EmptyProps) {
  return (
    <EmptyState
      py="xl"
      title={title}
      description={description}
      icon={icon ?? <IconInbox size={28} />}
      withIndicatorBackground
    >
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  );
}

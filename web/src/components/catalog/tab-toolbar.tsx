import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconPlus } from '../icons.tsx';

interface TabToolbarProps {
  /** What the tab is for, as a short dimmed text; or pass the tab's filters as children instead. */
  hint?: string;
  children?: ReactNode;
  /** The add button's label; null hides the button (the user may only read). */
  addLabel: string | null;
  onAdd: () => void;
  align?: 'flex-end';
}

/** The row above a schedules tab's list: its hint or filters, and the add button. */
export function TabToolbar({ hint, children, addLabel, onAdd, align }: TabToolbarProps) {
  return (
    <Group justify="space-between" align={align}>
      {hint ? (
        <Text size="sm" c="dimmed" maw={640}>
          {hint}
        </Text>
      ) : (
        children
      )}
      {addLabel === null ? null : (
        <Button leftSection={<IconPlus size={16} />} onClick={onAdd}>
          {addLabel}
        </Button>
      )}
    </Group>
  );
}

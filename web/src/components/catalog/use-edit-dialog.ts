import { useState } from 'react';

/** What a tab passes to the form dialog of one of its items. */
export interface EditDialogProps<T> {
  opened: boolean;
  /** null: the dialog creates a new one. */
  item: T | null;
  /** Show the item without letting it be changed. */
  readOnly: boolean;
  onClose: () => void;
}

/** Which item a tab's form dialog is open on, or that it is open to create a new one. */
export function useEditDialog<T>(readOnly: boolean) {
  const [editing, setEditing] = useState<T | null>(null);
  const [creating, setCreating] = useState(false);
  const props: EditDialogProps<T> = {
    opened: creating || editing !== null,
    item: editing,
    readOnly,
    onClose: () => {
      setCreating(false);
      setEditing(null);
    },
  };
  return { edit: (item: T) => setEditing(item), create: () => setCreating(true), props };
}

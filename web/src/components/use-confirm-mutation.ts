import { useState } from 'react';
import { useNotify } from './use-error-message.ts';

interface ByIdMutation {
  isPending: boolean;
  mutate: (id: string, options: { onSuccess: () => void; onError: (error: unknown) => void }) => void;
}

/**
 * The item a ConfirmModal asks about (`ask(item)` opens it) and the mutation run on its id once confirmed:
 * a toast and the modal closes on success, an error toast and the modal stays on failure.
 * Spread `modal` into the ConfirmModal.
 */
export function useConfirmMutation<T extends { id: string }>(mutation: ByIdMutation, doneMessage: string) {
  const notify = useNotify();
  const [target, setTarget] = useState<T | null>(null);
  const confirm = () => {
    if (!target) return;
    mutation.mutate(target.id, {
      onSuccess: () => {
        notify.success(doneMessage);
        setTarget(null);
      },
      onError: notify.error,
    });
  };
  return {
    target,
    ask: setTarget,
    modal: {
      opened: target !== null,
      loading: mutation.isPending,
      onConfirm: confirm,
      onClose: () => setTarget(null),
    },
  };
}

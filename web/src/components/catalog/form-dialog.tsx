import { Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { hasFieldErrorFor } from '../../lib/api.ts';
import { FormActions } from '../form-actions.tsx';
import { FormError } from '../query-error.tsx';

interface FormDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: 'lg';
  onSubmit: () => void;
  /** The save's error: shown above the fields unless it names one of `fields`, which show it themselves. */
  error: unknown;
  fields: readonly string[];
  submitLabel: string;
  loading: boolean;
  readOnly: boolean;
  children: ReactNode;
}

/** A dialog holding one form: the save's error, the fields, then Cancel and submit. */
export function FormDialog(props: FormDialogProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {hasFieldErrorFor(props.error, props.fields) ? null : <FormError error={props.error} />}
          {props.children}
          <FormActions
            submitLabel={props.submitLabel}
            loading={props.loading}
            onCancel={props.onClose}
            readOnly={props.readOnly}
          />
        </Stack>
      </form>
    </Modal>
  );
}

import { TextInput } from '@mantine/core';

/** The part of a form these fields read and write. */
interface KeyAndNameForm {
  values: { key: string; name: string };
  set(field: 'key' | 'name', value: string): void;
  fieldError(field: 'key' | 'name'): string | undefined;
}

interface KeyAndNameFieldsProps {
  form: KeyAndNameForm;
  labels: { key: string; keyHint: string; name: string };
  /** The key is chosen once, when creating; afterwards only the name changes. */
  isNew: boolean;
  readOnly: boolean;
}

/**
 * The lower-case key something is known by in the API and its display name. Whichever of the two can be
 * changed is focused when the dialog opens.
 */
export function KeyAndNameFields({ form, labels, isNew, readOnly }: KeyAndNameFieldsProps) {
  return (
    <>
      <TextInput
        label={labels.key}
        description={isNew ? labels.keyHint : undefined}
        value={form.values.key}
        onChange={(e) => form.set('key', e.currentTarget.value.toLowerCase())}
        error={form.fieldError('key')}
        disabled={!isNew}
        maxLength={40}
        required
        autoComplete="off"
        spellCheck={false}
        data-autofocus={isNew ? true : undefined}
      />
      <TextInput
        label={labels.name}
        value={form.values.name}
        onChange={(e) => form.set('name', e.currentTarget.value)}
        error={form.fieldError('name')}
        maxLength={100}
        required
        disabled={readOnly}
        data-autofocus={isNew ? undefined : true}
      />
    </>
  );
}

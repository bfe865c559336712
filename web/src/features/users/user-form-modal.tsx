import { PASSWORD_MIN_LENGTH, type User } from '@carebase/contracts';
import { Button, Group, Modal, MultiSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { hasFieldErrorFor } from '../../lib/api.ts';
import { useCreateUser, useUpdateUser } from './users.queries.ts';

export interface RoleOption {
  value: string;
  label: string;
}

interface UserFormModalProps {
  opened: boolean;
  /** null: create a new user. */
  user: User | null;
  roleOptions: RoleOption[];
  onClose: () => void;
}

interface FormValues {
  name: string;
  email: string;
  roles: string[];
  password: string;
  licenceNumber: string;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELDS = ['name', 'email', 'roles', 'password', 'licenceNumber'] as const;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

/** Create a user, or edit one's name, email and roles. */
export function UserFormModal({ opened, user, roleOptions, onClose }: UserFormModalProps) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const [values, setValues] = useState<FormValues>({
    name: '',
    email: '',
    roles: [],
    password: '',
    licenceNumber: '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof FormValues, string>>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time the dialog opens
  useEffect(() => {
    if (!opened) return;
    setValues({
      name: user?.name ?? '',
      email: user?.email ?? '',
      roles: user?.roles ?? [],
      password: '',
      licenceNumber: user?.licenceNumber ?? '',
    });
    setErrors({});
    create.reset();
    update.reset();
  }, [opened, user]);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const validate = (): boolean => {
    const found: Partial<Record<keyof FormValues, string>> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    if (!EMAIL_PATTERN.test(values.email.trim())) found.email = t('validation.email');
    if (values.roles.length === 0) found.roles = t('validation.rolesRequired');
    if (!user && values.password && values.password.length < PASSWORD_MIN_LENGTH) {
      found.password = t('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
    }
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!validate()) return;
    const name = values.name.trim();
    const email = values.email.trim();
    const licenceNumber = values.licenceNumber.trim() || null;
    if (user) {
      const patch: { name?: string; email?: string; roles?: string[]; licenceNumber?: string | null } = {};
      if (name !== user.name) patch.name = name;
      if (email !== user.email) patch.email = email;
      if (!sameSet(values.roles, user.roles)) patch.roles = values.roles;
      if (licenceNumber !== user.licenceNumber) patch.licenceNumber = licenceNumber;
      if (Object.keys(patch).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { id: user.id, patch },
        {
          onSuccess: () => {
            notify.success(t('users.updated'));
            onClose();
          },
        },
      );
    } else {
      create.mutate(
        { name, email, roles: values.roles, password: values.password || undefined, licenceNumber },
        {
          onSuccess: () => {
            notify.success(values.password ? t('users.created') : t('users.createdWithLink'));
            onClose();
          },
        },
      );
    }
  };

  const error = mutation.error;
  const fieldError = (field: keyof FormValues) => errors[field] ?? serverError(error, field);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={user ? t('users.editTitle', { name: user.name }) : t('users.createTitle')}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {hasFieldErrorFor(error, FIELDS) ? null : <FormError error={error} />}
          <TextInput
            label={t('users.name')}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={fieldError('name')}
            maxLength={200}
            autoComplete="off"
            required
            data-autofocus
          />
          <TextInput
            label={t('users.email')}
            type="email"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={fieldError('email')}
            autoComplete="off"
            required
          />
          <MultiSelect
            label={t('users.roles')}
            data={roleOptions}
            value={values.roles}
            onChange={(roles) => set('roles', roles)}
            error={fieldError('roles')}
            searchable
            required
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('staff.licenceNumber')}
            description={t('staff.licenceNumberHint')}
            value={values.licenceNumber}
            onChange={(e) => set('licenceNumber', e.currentTarget.value)}
            error={fieldError('licenceNumber')}
            maxLength={50}
            autoComplete="off"
          />
          {user ? null : (
            <PasswordInput
              label={t('users.password')}
              description={t('users.passwordHint')}
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={fieldError('password')}
              autoComplete="new-password"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {user ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

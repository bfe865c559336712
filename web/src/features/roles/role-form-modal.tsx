import { type Permission, type Role, RoleKeySchema } from '@carebase/contracts';
import { Button, Group, Modal, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/query-error.tsx';
import { useRoleDescription } from '../../components/role-badges.tsx';
import { useFieldErrorText, useNotify } from '../../components/use-error-message.ts';
import { hasFieldErrorFor } from '../../lib/api.ts';
import { PermissionPicker } from './permission-picker.tsx';
import { useCreateRole, useUpdateRole } from './roles.queries.ts';

interface FormValues {
  key: string;
  name: string;
  description: string;
  mfaRequired: boolean;
  permissions: Permission[];
}

const FIELDS = ['key', 'name', 'description', 'mfaRequired', 'permissions'] as const;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

interface RoleFormModalProps {
  opened: boolean;
  /** null: create a new role. */
  role: Role | null;
  readOnly: boolean;
  onClose: () => void;
}

export function RoleFormModal({ opened, role, readOnly, onClose }: RoleFormModalProps) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const notify = useNotify();
  const roleDescription = useRoleDescription();
  const create = useCreateRole();
  const update = useUpdateRole();
  const mutation = role ? update : create;
  const [values, setValues] = useState<FormValues>({
    key: '',
    name: '',
    description: '',
    mfaRequired: false,
    permissions: [],
  });
  const [errors, setErrors] = useState<Partial<Record<keyof FormValues, string>>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time the dialog opens
  useEffect(() => {
    if (!opened) return;
    setValues({
      key: role?.key ?? '',
      name: role?.name ?? '',
      description: role?.description ?? '',
      mfaRequired: role?.mfaRequired ?? false,
      permissions: role?.permissions ?? [],
    });
    setErrors({});
    create.reset();
    update.reset();
  }, [opened, role]);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<keyof FormValues, string>> = {};
    if (!role && !RoleKeySchema.safeParse(values.key.trim()).success) found.key = t('validation.roleKey');
    if (!values.name.trim()) found.name = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    const name = values.name.trim();
    if (role) {
      const patch: {
        name?: string;
        description?: string;
        mfaRequired?: boolean;
        permissions?: Permission[];
      } = {};
      if (name !== role.name) patch.name = name;
      if (values.description !== role.description) patch.description = values.description;
      if (values.mfaRequired !== role.mfaRequired) patch.mfaRequired = values.mfaRequired;
      if (!sameSet(values.permissions, role.permissions)) patch.permissions = values.permissions;
      if (Object.keys(patch).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { key: role.key, patch },
        {
          onSuccess: () => {
            notify.success(t('roles.updated'));
            onClose();
          },
        },
      );
    } else {
      create.mutate(
        {
          key: values.key.trim(),
          name,
          description: values.description,
          mfaRequired: values.mfaRequired,
          permissions: values.permissions,
        },
        {
          onSuccess: () => {
            notify.success(t('roles.created'));
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
      title={role ? t('roles.editTitle', { name: role.name }) : t('roles.createTitle')}
      size="xl"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {hasFieldErrorFor(error, FIELDS) ? null : <FormError error={error} />}
          <Group grow align="flex-start">
            <TextInput
              label={t('roles.key')}
              description={role ? undefined : t('roles.keyHint')}
              value={values.key}
              onChange={(e) => set('key', e.currentTarget.value.toLowerCase())}
              error={fieldError('key')}
              disabled={role !== null}
              maxLength={40}
              required
              autoComplete="off"
              spellCheck={false}
              data-autofocus={role ? undefined : true}
            />
            <TextInput
              label={t('roles.name')}
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={fieldError('name')}
              maxLength={100}
              required
              disabled={readOnly}
              data-autofocus={role ? true : undefined}
            />
          </Group>
          <Textarea
            label={t('roles.descriptionLabel')}
            placeholder={role ? roleDescription({ key: role.key, description: '' }) : undefined}
            value={values.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={fieldError('description')}
            maxLength={500}
            autosize
            minRows={2}
            disabled={readOnly}
          />
          <Switch
            label={t('roles.mfaRequired')}
            description={t('roles.mfaRequiredHint')}
            checked={values.mfaRequired}
            onChange={(e) => set('mfaRequired', e.currentTarget.checked)}
            disabled={readOnly}
          />
          <PermissionPicker
            label={t('roles.permissions')}
            value={values.permissions}
            onChange={(permissions) => set('permissions', permissions)}
            error={fieldError('permissions')}
            disabled={readOnly}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {readOnly ? t('common.close') : t('common.cancel')}
            </Button>
            {readOnly ? null : (
              <Button type="submit" loading={mutation.isPending}>
                {role ? t('common.save') : t('common.create')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

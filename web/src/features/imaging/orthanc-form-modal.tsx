import type { OrthancLink, OrthancLinkInput } from '@carebase/contracts';
import { Group, PasswordInput, Radio, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components/catalog/form-dialog.tsx';
import { useDialogForm } from '../../components/catalog/use-dialog-form.ts';
import type { EditDialogProps } from '../../components/catalog/use-edit-dialog.ts';
import { useSaveOrthancLink } from './imaging.queries.ts';

type PasswordMode = 'keep' | 'set' | 'clear';
type Values = {
  name: string;
  url: string;
  username: string;
  passwordMode: PasswordMode;
  password: string;
  followChanges: boolean;
};
const FIELDS = ['name', 'url', 'username', 'password', 'followChanges'] as const;
const URL_RULE = /^https?:\/\/[^\s]+$/;

/** The password as the API takes it: omitted to keep, a string to set, null to clear. */
export function passwordOfForm(mode: PasswordMode, password: string): Pick<OrthancLinkInput, 'password'> {
  if (mode === 'clear') return { password: null };
  if (mode === 'set' && password.length > 0) return { password };
  return {};
}

/** Adds or edits a link to an Orthanc server. The password is never shown: it is kept, replaced or cleared. */
export function OrthancFormModal(props: EditDialogProps<OrthancLink>) {
  const { item: link } = props;
  const { t } = useTranslation();
  const save = useSaveOrthancLink();
  const form = useDialogForm<Values>(props, save, () => ({
    name: link?.name ?? '',
    url: link?.url ?? 'http://',
    username: link?.username ?? '',
    passwordMode: link?.passwordSet ? 'keep' : 'set',
    password: '',
    followChanges: link?.followChanges ?? false,
  }));
  const { values } = form;

  const submit = () => {
    const found: Partial<Record<keyof Values, string>> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    if (!URL_RULE.test(values.url.trim())) found.url = t('imaging.orthanc.urlRule');
    if (link?.passwordSet && values.passwordMode === 'set' && values.password.length === 0)
      found.password = t('validation.required');
    if (!form.check(found)) return;
    save.mutate(
      {
        id: link?.id ?? null,
        body: {
          name: values.name.trim(),
          url: values.url.trim(),
          username: values.username,
          followChanges: values.followChanges,
          ...passwordOfForm(values.passwordMode, values.password),
        },
      },
      { onSuccess: form.savedWith(link ? t('imaging.orthanc.updated') : t('imaging.orthanc.created')) },
    );
  };

  return (
    <FormDialog
      {...form.dialog}
      title={link ? t('imaging.orthanc.editTitle', { name: link.name }) : t('imaging.orthanc.createTitle')}
      fields={FIELDS}
      onSubmit={submit}
    >
      <TextInput
        label={t('imaging.orthanc.name')}
        value={values.name}
        onChange={(e) => form.set('name', e.currentTarget.value)}
        error={form.fieldError('name')}
        maxLength={100}
        required
        data-autofocus
      />
      <TextInput
        label={t('imaging.orthanc.url')}
        description={t('imaging.orthanc.urlHint')}
        value={values.url}
        onChange={(e) => form.set('url', e.currentTarget.value)}
        error={form.fieldError('url')}
        required
        type="url"
      />
      <TextInput
        label={t('imaging.orthanc.username')}
        value={values.username}
        onChange={(e) => form.set('username', e.currentTarget.value)}
        error={form.fieldError('username')}
        autoComplete="off"
      />
      {link?.passwordSet ? (
        <Stack gap={6}>
          <Radio.Group
            label={t('imaging.orthanc.password')}
            description={t('imaging.orthanc.passwordIsSet')}
            value={values.passwordMode}
            onChange={(value) => form.set('passwordMode', value as PasswordMode)}
          >
            <Group gap="md" mt={6}>
              <Radio value="keep" label={t('imaging.orthanc.passwordKeep')} />
              <Radio value="set" label={t('imaging.orthanc.passwordChange')} />
              <Radio value="clear" label={t('imaging.orthanc.passwordClear')} />
            </Group>
          </Radio.Group>
          {values.passwordMode === 'set' ? (
            <PasswordInput
              label={t('imaging.orthanc.newPassword')}
              value={values.password}
              onChange={(e) => form.set('password', e.currentTarget.value)}
              error={form.fieldError('password')}
              autoComplete="new-password"
            />
          ) : null}
        </Stack>
      ) : (
        <PasswordInput
          label={t('imaging.orthanc.password')}
          description={t('imaging.orthanc.passwordHint')}
          value={values.password}
          onChange={(e) => form.set('password', e.currentTarget.value)}
          error={form.fieldError('password')}
          autoComplete="new-password"
        />
      )}
      <Switch
        label={t('imaging.orthanc.follow')}
        description={t('imaging.orthanc.followHint')}
        checked={values.followChanges}
        onChange={(e) => form.set('followChanges', e.currentTarget.checked)}
      />
      <Text size="xs" c="dimmed">
        {t('imaging.orthanc.writeOnly')}
      </Text>
    </FormDialog>
  );
}

import { type Display, LANGUAGES } from '@carebase/contracts';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { CopyTextButton } from '../../components/copy-value.tsx';
import { ActionsTh, DataTable } from '../../components/data-table.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { IconAlert, IconPlus } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { FormError } from '../../components/query-error.tsx';
import { QueryStates } from '../../components/query-states.tsx';
import { useConfirmMutation } from '../../components/use-confirm-mutation.ts';
import { useFieldErrorText } from '../../components/use-error-message.ts';
import { hasFieldErrorFor } from '../../lib/api.ts';
import { useQueueDepartments } from '../queue/queue.queries.ts';
import { displayLink, useCreateDisplay, useDisplays, useRevokeDisplay } from './displays.queries.ts';

type Created = { display: Display; token: string };

function CreateDisplayModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (c: Created) => void;
}) {
  const serverError = useFieldErrorText();
  const { t } = useTranslation();
  const departments = useQueueDepartments();
  const create = useCreateDisplay();
  const [name, setName] = useState('');
  const [departmentKey, setDepartmentKey] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const missingName = checked && name.trim() === '';
  const missingDepartment = checked && !departmentKey;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (name.trim() === '' || !departmentKey) return;
    create.mutate(
      { name, departmentKey: departmentKey ?? '' },
      { onSuccess: ({ token, ...display }) => onCreated({ display, token }) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('display.manage.create')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('display.manage.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={missingName ? t('validation.required') : serverError(create.error, 'name')}
            maxLength={100}
            data-autofocus
          />
          <Select
            label={t('display.manage.department')}
            required
            value={departmentKey}
            onChange={setDepartmentKey}
            data={(departments.data?.items ?? []).map((d) => ({ value: d.key, label: d.name }))}
            error={missingDepartment ? t('validation.required') : serverError(create.error, 'departmentKey')}
          />
          {hasFieldErrorFor(create.error, ['name', 'departmentKey']) ? null : (
            <FormError error={create.error} />
          )}
          <FormActions submitLabel={t('common.create')} loading={create.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The one-time view of a new display's link: the token is not shown again. */
function CreatedLink({ created, onClose }: { created: Created; onClose: () => void }) {
  const { t } = useTranslation();
  // Empty: the screen follows the clinic's default language, also when that setting changes later.
  const [lang, setLang] = useState<string>('');
  const link = displayLink(window.location.origin, created.display.departmentKey, created.token, lang);
  return (
    <Modal opened onClose={onClose} title={t('display.manage.created')} centered size="lg">
      <Stack>
        <Alert color="yellow" variant="light" icon={<IconAlert />}>
          {t('display.manage.linkOnce')}
        </Alert>
        <SegmentedControl
          aria-label={t('layout.language')}
          value={lang}
          onChange={setLang}
          data={[
            { value: '', label: t('display.manage.clinicLanguage') },
            ...LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) })),
          ]}
        />
        <Text size="sm" fw={500}>
          {t('display.manage.link')}
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {link}
        </Code>
        <Group justify="flex-end">
          <CopyTextButton value={link} label={t('common.copy')} />
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Waiting-room screens: each has its own link (a display token); revoking one stops its screen at once. */
export function DisplaysPage() {
  const { t } = useTranslation();
  const displays = useDisplays();
  const departments = useQueueDepartments();
  const revoke = useConfirmMutation<Display>(useRevokeDisplay(), t('display.manage.revokeDone'));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const departmentName = (key: string) => departments.data?.items.find((d) => d.key === key)?.name ?? key;
  const items = displays.data?.items ?? [];

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('display.manage.title')}
        description={t('display.manage.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('display.manage.create')}
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        <QueryStates
          query={displays}
          isEmpty={items.length === 0}
          empty={<Empty title={t('display.manage.empty')} description={t('display.manage.emptyHint')} />}
          skeletonRows={3}
        >
          <DataTable
            minWidth={600}
            verticalSpacing="xs"
            aria-label={t('display.manage.listLabel')}
            head={
              <>
                <Table.Th>{t('display.manage.name')}</Table.Th>
                <Table.Th>{t('display.manage.department')}</Table.Th>
                <Table.Th>{t('display.manage.status')}</Table.Th>
                <Table.Th>{t('display.manage.createdAt')}</Table.Th>
                <ActionsTh />
              </>
            }
          >
            {items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td>{departmentName(d.departmentKey)}</Table.Td>
                <Table.Td>
                  <Badge color={d.revokedAt ? 'gray' : 'teal'} variant="light">
                    {d.revokedAt ? t('display.manage.revoked') : t('display.manage.active')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <DateTimeText value={d.createdAt} />
                </Table.Td>
                <Table.Td ta="right">
                  {d.revokedAt ? null : (
                    <Button size="xs" variant="subtle" color="red" onClick={() => revoke.ask(d)}>
                      {t('display.manage.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </QueryStates>
      </Paper>
      {creating ? (
        <CreateDisplayModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
          }}
        />
      ) : null}
      {created ? <CreatedLink created={created} onClose={() => setCreated(null)} /> : null}
      <ConfirmModal
        {...revoke.modal}
        title={t('display.manage.revokeTitle', { name: revoke.target?.name ?? '' })}
        message={t('display.manage.revokeMessage')}
        confirmLabel={t('display.manage.revoke')}
        danger
      />
    </Stack>
  );
}

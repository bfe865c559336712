import type { ApiToken, CreatedApiTokenSchema, Permission } from '@carebase/contracts';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { CopyTextButton } from '../../components/copy-value.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconAlert, IconKey, IconPlus } from '../../components/icons.tsx';
import { FormError, QueryError } from '../../components/query-error.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useFieldErrorsText, useNotify } from '../../components/use-error-message.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { zonedInputToIso } from '../../lib/format.ts';
import { hasPermission, permissionLabelKey } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './tokens.queries.ts';

type CreatedToken = z.output<typeof CreatedApiTokenSchema>;
type TokenStatus = 'active' | 'revoked' | 'expired';

export function tokenStatus(token: ApiToken, now = Date.now()): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

const STATUS_COLORS: Record<TokenStatus, string> = { active: 'teal', revoked: 'gray', expired: 'orange' };

function todayInput(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (token: CreatedToken) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormatters();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);

  const close = () => {
    setName('');
    setPermissions([]);
    setExpiresOn('');
    setNameError(null);
    create.reset();
    onClose();
  };

  const serverErrors = useFieldErrorsText(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('validation.required'));
      return;
    }
    setNameError(null);
    const expiresAt = expiresOn ? zonedInputToIso(`${expiresOn}T23:59:59`, format.context.timeZone) : null;
    create.mutate(
      {
        name: name.trim(),
        permissions: permissions.length > 0 ? permissions : undefined,
        expiresAt: expiresAt ?? undefined,
      },
      {
        onSuccess: (token) => {
          close();
          onCreated(token);
        },
      },
    );
  };

  const hasFieldError = Boolean(serverErrors.name ?? serverErrors.permissions ?? serverErrors.expiresAt);

  return (
    <Modal opened={opened} onClose={close} title={t('tokens.createTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {hasFieldError ? null : <FormError error={create.error} />}
          <TextInput
            label={t('tokens.name')}
            description={t('tokens.nameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError ?? serverErrors.name}
            maxLength={100}
            required
            data-autofocus
          />
          <MultiSelect
            label={t('tokens.permissions')}
            description={t('tokens.permissionsHint')}
            data={me.permissions.map((permission) => ({
              value: permission,
              label: t(permissionLabelKey(permission)),
            }))}
            value={permissions}
            onChange={(value) => setPermissions(value as Permission[])}
            error={serverErrors.permissions}
            searchable
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            type="date"
            label={t('tokens.expiresAt')}
            description={t('tokens.expiresHint')}
            value={expiresOn}
            min={todayInput()}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            error={serverErrors.expiresAt}
            w={220}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CreatedTokenModal({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={token !== null}
      onClose={onClose}
      title={t('tokens.createdTitle')}
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      {token ? (
        <Stack>
          <Alert color="orange" variant="light" icon={<IconAlert />}>
            {t('tokens.createdWarning')}
          </Alert>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="created-token-label">
              {t('tokens.tokenLabel')}
            </Text>
            <Code block aria-labelledby="created-token-label" className="token-value">
              {token.token}
            </Code>
          </Stack>
          <Group justify="space-between">
            <CopyTextButton value={token.token} label={t('common.copy')} />
            <Button onClick={onClose}>{t('tokens.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

export function ApiTokensCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const notify = useNotify();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const canCreate = hasPermission(me, 'tokens:create');

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        notify.success(t('tokens.revoked'));
        setRevoking(null);
      },
      onError: notify.error,
    });
  };

  const permissionsText = (token: ApiToken) =>
    token.permissions.length === 0
      ? t('tokens.allPermissions')
      : token.permissions.map((permission) => t(permissionLabelKey(permission))).join(', ');

  let content: ReactNode;
  if (tokens.isPending) content = <TableSkeleton rows={2} />;
  else if (tokens.isError)
    content = <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />;
  else if (tokens.data.length === 0)
    content = (
      <Empty
        icon={<IconKey size={28} />}
        title={t('tokens.empty')}
        description={canCreate ? t('tokens.emptyHint') : t('tokens.cannotCreate')}
      />
    );
  else
    content = (
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tokens.columns.name')}</Table.Th>
              <Table.Th>{t('tokens.columns.permissions')}</Table.Th>
              <Table.Th>{t('tokens.columns.created')}</Table.Th>
              <Table.Th>{t('tokens.columns.lastUsed')}</Table.Th>
              <Table.Th>{t('tokens.columns.expires')}</Table.Th>
              <Table.Th>{t('tokens.columns.status')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.map((token) => {
              const status = tokenStatus(token);
              return (
                <Table.Tr key={token.id}>
                  <Table.Td fw={500}>{token.name}</Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" lineClamp={2}>
                      {permissionsText(token)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <DateTimeText value={token.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    <DateTimeText value={token.lastUsedAt} empty={t('common.never')} />
                  </Table.Td>
                  <Table.Td>
                    <DateTimeText value={token.expiresAt} empty={t('common.never')} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[status]} variant="light">
                      {t(`tokens.status.${status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {status === 'active' ? (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(token)}>
                        {t('tokens.revoke')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="tokens-title">
      <Stack>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} fz="h4" id="tokens-title">
              {t('tokens.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('tokens.description')}
            </Text>
          </Stack>
          {canCreate ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('tokens.create')}
            </Button>
          ) : null}
        </Group>
        {content}
      </Stack>
      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <CreatedTokenModal token={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={revoking !== null}
        title={t('tokens.revokeTitle')}
        message={t('tokens.revokeConfirm', { name: revoking?.name ?? '' })}
        confirmLabel={t('tokens.revoke')}
        danger
        loading={revoke.isPending}
        onConfirm={confirmRevoke}
        onClose={() => setRevoking(null)}
      />
    </Paper>
  );
}

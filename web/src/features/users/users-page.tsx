import { type USER_SORT_FIELDS, type User, UserListQuerySchema } from '@carebase/contracts';
import { ActionIcon, Badge, Button, Group, Menu, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { DateTimeText } from '../../components/date-time-text.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconDots, IconPlus, IconSearch, IconUsers } from '../../components/icons.tsx';
import { ListFooter } from '../../components/list-footer.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { RoleBadges } from '../../components/role-badges.tsx';
import { nextSort, SortableTh } from '../../components/sortable-th.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { useUrlQuery } from '../../components/use-url-query.ts';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useRoleChoices } from '../roles/use-role-choices.ts';
import { UserFormModal } from './user-form-modal.tsx';
import { useSendPasswordReset, useUpdateUser, useUsers } from './users.queries.ts';

type SortField = (typeof USER_SORT_FIELDS)[number];

function UserActions({
  user,
  onEdit,
  onToggleActive,
}: {
  user: User;
  onEdit: () => void;
  onToggleActive: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const sendReset = useSendPasswordReset();
  const update = useUpdateUser();

  const reactivate = () =>
    update.mutate(
      { id: user.id, patch: { active: true } },
      { onSuccess: () => notify.success(t('users.reactivated', { name: user.name })), onError: notify.error },
    );

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('common.moreActions', { name: user.name })}>
          <IconDots />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={onEdit}>{t('common.edit')}</Menu.Item>
        <Menu.Item
          disabled={!user.active}
          onClick={() =>
            sendReset.mutate(user.id, {
              onSuccess: () => notify.success(t('users.resetSent', { email: user.email })),
              onError: notify.error,
            })
          }
        >
          {t('users.sendReset')}
        </Menu.Item>
        <Menu.Divider />
        {user.active ? (
          <Menu.Item color="red" onClick={onToggleActive}>
            {t('users.deactivate')}
          </Menu.Item>
        ) : (
          <Menu.Item onClick={reactivate}>{t('users.reactivate')}</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** `/users`: search, filter, sort and page through accounts; create and edit them. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const notify = useNotify();
  const canWrite = hasPermission(me, 'users:write');
  const [query, setQuery] = useUrlQuery(UserListQuerySchema);
  const users = useUsers(query);
  const { names: roleNames, options: roleOptions } = useRoleChoices();
  const update = useUpdateUser();

  const [search, setSearch] = useState(query.q ?? '');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [editing, setEditing] = useState<User | null>(null);
  const [creating, setCreating] = useState(false);
  const [deactivating, setDeactivating] = useState<User | null>(null);

  // The search box writes to the address after a pause in typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text triggers a search
  useEffect(() => {
    if (debouncedSearch.trim() !== (query.q ?? '')) setQuery({ q: debouncedSearch.trim() });
  }, [debouncedSearch]);

  const filtered = Boolean(query.q || query.role || query.active);
  const clearFilters = () => {
    setSearch('');
    setQuery({ q: null, role: null, active: null });
  };
  const onSort = (field: SortField) => setQuery(nextSort(query, field));

  const confirmDeactivate = () => {
    if (!deactivating) return;
    const user = deactivating;
    update.mutate(
      { id: user.id, patch: { active: false } },
      {
        onSuccess: () => {
          notify.success(t('users.deactivated', { name: user.name }));
          setDeactivating(null);
        },
        onError: notify.error,
      },
    );
  };

  let content: ReactNode;
  if (users.isPending) content = <TableSkeleton />;
  else if (users.isError) content = <QueryError error={users.error} onRetry={() => void users.refetch()} />;
  else if (users.data.items.length === 0)
    content = filtered ? (
      <Empty
        icon={<IconSearch size={28} />}
        title={t('users.emptyFiltered')}
        description={t('users.emptyFilteredHint')}
        action={
          <Button variant="default" onClick={clearFilters}>
            {t('users.clearFilters')}
          </Button>
        }
      />
    ) : (
      <Empty
        icon={<IconUsers size={28} />}
        title={t('users.empty')}
        description={canWrite ? t('users.emptyHint') : undefined}
      />
    );
  else
    content = (
      <>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" highlightOnHover aria-busy={users.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <SortableTh
                  field="name"
                  label={t('users.columns.name')}
                  sort={query.sort}
                  order={query.order}
                  onSort={onSort}
                />
                <SortableTh
                  field="email"
                  label={t('users.columns.email')}
                  sort={query.sort}
                  order={query.order}
                  onSort={onSort}
                />
                <Table.Th>{t('users.columns.roles')}</Table.Th>
                <Table.Th>{t('users.columns.status')}</Table.Th>
                <Table.Th>{t('users.columns.mfa')}</Table.Th>
                <SortableTh
                  field="createdAt"
                  label={t('users.columns.createdAt')}
                  sort={query.sort}
                  order={query.order}
                  onSort={onSort}
                />
                <SortableTh
                  field="lastLoginAt"
                  label={t('users.columns.lastLoginAt')}
                  sort={query.sort}
                  order={query.order}
                  onSort={onSort}
                />
                {canWrite ? (
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((user) => (
                <Table.Tr key={user.id} opacity={user.active ? 1 : 0.65}>
                  <Table.Td fw={500}>
                    {user.name}
                    {user.licenceNumber ? (
                      <Text size="xs" c="dimmed" fw={400}>
                        {t('staff.licence', { number: user.licenceNumber })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <RoleBadges roles={user.roles} names={roleNames} size="xs" />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={user.active ? 'teal' : 'gray'} variant="light">
                      {user.active ? t('users.active') : t('users.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={user.mfaEnabled ? undefined : 'dimmed'}>
                      {user.mfaEnabled ? t('users.mfaOn') : t('users.mfaOff')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <DateTimeText value={user.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    <DateTimeText value={user.lastLoginAt} empty={t('common.never')} />
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td ta="right">
                      <UserActions
                        user={user}
                        onEdit={() => setEditing(user)}
                        onToggleActive={() => setDeactivating(user)}
                      />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <ListFooter
          total={users.data.total}
          page={query.page}
          pageSize={query.pageSize}
          onPage={(page) => setQuery({ page })}
          onPageSize={(pageSize) => setQuery({ pageSize })}
        />
      </>
    );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder p="md" radius="md">
        <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('users.searchLabel')}
            placeholder={t('users.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            type="search"
            w={{ base: '100%', sm: 280 }}
          />
          <Select
            label={t('users.roleFilter')}
            placeholder={t('users.anyRole')}
            data={roleOptions}
            value={query.role ?? null}
            onChange={(role) => setQuery({ role })}
            clearable
            searchable
            w={{ base: '100%', sm: 200 }}
          />
          <Select
            label={t('users.statusFilter')}
            placeholder={t('users.anyStatus')}
            data={[
              { value: 'true', label: t('users.active') },
              { value: 'false', label: t('users.inactive') },
            ]}
            value={query.active ?? null}
            onChange={(active) => setQuery({ active })}
            clearable
            w={{ base: '100%', sm: 170 }}
          />
        </Group>
        {content}
      </Paper>
      <UserFormModal
        opened={creating || editing !== null}
        user={editing}
        roleOptions={roleOptions}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ConfirmModal
        opened={deactivating !== null}
        title={t('users.deactivateTitle', { name: deactivating?.name ?? '' })}
        message={t('users.deactivateConfirm')}
        confirmLabel={t('users.deactivate')}
        danger
        loading={update.isPending}
        onConfirm={confirmDeactivate}
        onClose={() => setDeactivating(null)}
      />
    </>
  );
}

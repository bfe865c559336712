import type { Role } from '@carebase/contracts';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { Empty } from '../../components/empty.tsx';
import { IconPlus, IconShield } from '../../components/icons.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useRoleDescription, useRoleLabel } from '../../components/role-badges.tsx';
import { TableSkeleton } from '../../components/table-skeleton.tsx';
import { useNotify } from '../../components/use-error-message.ts';
import { hasPermission, permissionLabelKey } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { RoleFormModal } from './role-form-modal.tsx';
import { useDeleteRole, useRoles } from './roles.queries.ts';

/** `/roles`: named sets of permissions; built-in ones can be edited but not deleted. */
export function RolesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const notify = useNotify();
  const roleLabel = useRoleLabel();
  const roleDescription = useRoleDescription();
  const roles = useRoles();
  const remove = useDeleteRole();
  const canWrite = hasPermission(me, 'roles:write');
  const [editing, setEditing] = useState<Role | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Role | null>(null);

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.key, {
      onSuccess: () => {
        notify.success(t('roles.deleted'));
        setDeleting(null);
      },
      onError: notify.error,
    });
  };

  const deleteBlocker = (role: Role): string | null => {
    if (role.builtIn) return t('roles.cannotDeleteBuiltIn');
    if (role.userCount > 0) return t('roles.cannotDeleteInUse');
    return null;
  };

  let content: ReactNode;
  if (roles.isPending) content = <TableSkeleton />;
  else if (roles.isError) content = <QueryError error={roles.error} onRetry={() => void roles.refetch()} />;
  else if (roles.data.length === 0)
    content = <Empty icon={<IconShield size={28} />} title={t('roles.empty')} />;
  else
    content = (
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('roles.columns.role')}</Table.Th>
              <Table.Th>{t('roles.columns.description')}</Table.Th>
              <Table.Th>{t('roles.columns.permissions')}</Table.Th>
              <Table.Th ta="right">{t('roles.columns.users')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roles.data.map((role) => {
              const blocker = deleteBlocker(role);
              return (
                <Table.Tr key={role.key}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Anchor
                          component="button"
                          type="button"
                          fw={600}
                          size="sm"
                          onClick={() => setEditing(role)}
                        >
                          {role.builtIn ? roleLabel(role.key) : role.name}
                        </Anchor>
                        {role.builtIn ? (
                          <Badge size="xs" variant="outline" color="gray">
                            {t('roles.builtIn')}
                          </Badge>
                        ) : null}
                        {role.mfaRequired ? (
                          <Badge size="xs" variant="light" color="blue">
                            {t('roles.mfaBadge')}
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {role.key}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm" lineClamp={2}>
                      {roleDescription(role) || t('common.emptyValue')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip
                      multiline
                      w={280}
                      withArrow
                      disabled={role.permissions.length === 0}
                      label={role.permissions.map((p) => t(permissionLabelKey(p))).join(' · ')}
                    >
                      <Badge
                        variant="light"
                        color={role.permissions.length ? 'teal' : 'gray'}
                        tabIndex={0}
                        tt="none"
                        aria-label={t('roles.permissionCount', { count: role.permissions.length })}
                      >
                        {role.permissions.length}
                      </Badge>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td ta="right">{role.userCount}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(role)}>
                        {canWrite ? t('common.edit') : t('common.details')}
                      </Button>
                      {canWrite ? (
                        <Tooltip label={blocker} disabled={!blocker} withArrow>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            data-disabled={blocker ? true : undefined}
                            aria-disabled={blocker ? true : undefined}
                            onClick={(event) => {
                              if (blocker) event.preventDefault();
                              else setDeleting(role);
                            }}
                          >
                            {t('common.delete')}
                          </Button>
                        </Tooltip>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        description={t('roles.description')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('roles.create')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder p="md" radius="md">
        {content}
      </Paper>
      <RoleFormModal
        opened={creating || editing !== null}
        role={editing}
        readOnly={!canWrite}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('roles.deleteTitle', { name: deleting?.name ?? '' })}
        message={t('roles.deleteConfirm')}
        confirmLabel={t('roles.delete')}
        danger
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

import { BUILT_IN_ROLES, type BuiltInRole } from '@carebase/contracts';
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function isBuiltInRole(key: string): key is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(key);
}

/** A role's display name: translated for built-in roles, else the name the clinic gave it (or its key). */
export function useRoleLabel(): (key: string, names?: ReadonlyMap<string, string>) => string {
  const { t } = useTranslation();
  return (key, names) => (isBuiltInRole(key) ? t(`roleNames.${key}`) : (names?.get(key) ?? key));
}

/** A role's description: the clinic's own when it wrote one, else the translated one of a built-in role. */
export function useRoleDescription(): (role: { key: string; description: string }) => string {
  const { t } = useTranslation();
  return (role) => role.description || (isBuiltInRole(role.key) ? t(`roleDescriptions.${role.key}`) : '');
}

interface RoleBadgesProps {
  roles: readonly string[];
  names?: ReadonlyMap<string, string>;
  size?: 'xs' | 'sm' | 'md';
}

export function RoleBadges({ roles, names, size = 'sm' }: RoleBadgesProps) {
  const { t } = useTranslation();
  const label = useRoleLabel();
  if (roles.length === 0) {
    return (
      <Text size="sm" c="dimmed" span>
        {t('common.none')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} variant="light" color="gray" size={size} tt="none">
          {label(role, names)}
        </Badge>
      ))}
    </Group>
  );
}

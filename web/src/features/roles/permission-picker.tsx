import type { Permission } from '@carebase/contracts';
import { Checkbox, Fieldset, Input, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { groupPermissions, permissionLabelKey } from '../../lib/permissions.ts';

interface PermissionPickerProps {
  label: string;
  value: Permission[];
  onChange: (value: Permission[]) => void;
  error?: string;
  disabled?: boolean;
}

/** Every permission from the contracts, grouped by resource, each group with a "select all" box. */
export function PermissionPicker({ label, value, onChange, error, disabled }: PermissionPickerProps) {
  const { t } = useTranslation();
  const groups = groupPermissions();
  const selected = new Set(value);

  const toggle = (permission: Permission, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(permission);
    else next.delete(permission);
    onChange([...next]);
  };
  const toggleGroup = (permissions: Permission[], checked: boolean) => {
    const next = new Set(selected);
    for (const permission of permissions) {
      if (checked) next.add(permission);
      else next.delete(permission);
    }
    onChange([...next]);
  };

  return (
    <Stack gap={6}>
      <Input.Label labelElement="div" id="permission-picker-label">
        {label}
      </Input.Label>
      <SimpleGrid
        cols={{ base: 1, sm: 2 }}
        spacing="sm"
        role="group"
        aria-labelledby="permission-picker-label"
      >
        {groups.map((group) => {
          const count = group.permissions.filter((permission) => selected.has(permission)).length;
          const groupLabel = t(`permissionGroups.${group.resource}`);
          return (
            <Fieldset
              key={group.resource}
              p="sm"
              disabled={disabled}
              legend={
                <Checkbox
                  label={groupLabel}
                  aria-label={t('roles.selectAll', { group: groupLabel })}
                  checked={count === group.permissions.length}
                  indeterminate={count > 0 && count < group.permissions.length}
                  onChange={(e) => toggleGroup(group.permissions, e.currentTarget.checked)}
                  disabled={disabled}
                  fw={600}
                  size="sm"
                />
              }
            >
              <Stack gap={6}>
                {group.permissions.map((permission) => (
                  <Checkbox
                    key={permission}
                    label={t(permissionLabelKey(permission))}
                    description={permission}
                    checked={selected.has(permission)}
                    onChange={(e) => toggle(permission, e.currentTarget.checked)}
                    size="sm"
                  />
                ))}
              </Stack>
            </Fieldset>
          );
        })}
      </SimpleGrid>
      {error ? (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

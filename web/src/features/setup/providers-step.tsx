import { CLINICAL_ROLES } from '@carebase/contracts';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../components/icons.tsx';
import { queryKeys } from '../../lib/query-keys.ts';
import { WeeklyHoursTab } from '../scheduling/weekly-hours-tab.tsx';
import { type RoleOption, UserFormModal } from '../users/user-form-modal.tsx';

/**
 * Providers are users with a clinical role: created here with the users' own form (a password, or an emailed
 * link to set one), then given weekly hours with the schedules' own editor.
 */
export function ProvidersStep({
  canAddUsers,
  canEditHours,
}: {
  canAddUsers: boolean;
  canEditHours: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const clinicalRoles: RoleOption[] = useMemo(
    () => CLINICAL_ROLES.map((key) => ({ value: key, label: t(`roleNames.${key}`) })),
    [t],
  );

  const close = () => {
    setAdding(false);
    // A new provider appears in the hours editor's list, which lives under the schedules' keys.
    void queryClient.invalidateQueries({ queryKey: queryKeys.schedules });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('setup.providers.hint')}
        </Text>
        {canAddUsers ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('setup.providers.add')}
          </Button>
        ) : null}
      </Group>
      <WeeklyHoursTab canWrite={canEditHours} />
      <UserFormModal opened={adding} user={null} roleOptions={clinicalRoles} onClose={close} />
    </Stack>
  );
}

import { LANGUAGES } from '@carebase/contracts';
import { Box, Center, Group, Image, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { usePublicSettings } from '../features/settings/settings.queries.ts';
import { applyLanguage, currentLanguage, isLanguage } from './i18n/i18n.ts';

/** A language switch for people who are not signed in yet; it only changes this browser. */
function GuestLanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('layout.language')}
      value={isLanguage(i18n.language) ? i18n.language : currentLanguage()}
      onChange={(value) => isLanguage(value) && applyLanguage(value)}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
    />
  );
}

/** The frame of the pages shown before signing in: the clinic's name over a centred card. */
export function PublicLayout() {
  const { data: clinic } = usePublicSettings();
  const { t } = useTranslation();
  return (
    <Box mih="100vh" className="public-background">
      <Group justify="flex-end" p="md">
        <GuestLanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={420} gap="lg">
          <Stack align="center" gap={6}>
            {clinic?.logoUrl ? <Image src={clinic.logoUrl} alt="" h={56} w="auto" fit="contain" /> : null}
            <Title order={1} fz="h2" ta="center">
              {clinic?.clinicName ?? t('common.appName')}
            </Title>
            {clinic ? (
              <Text size="xs" c="dimmed">
                {t('common.appName')}
              </Text>
            ) : null}
          </Stack>
          <Paper withBorder shadow="sm" p="xl" radius="md" component="main" id="main-content">
            <Outlet />
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}

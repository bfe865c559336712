import { LANGUAGES, type Language } from '@carebase/contracts';
import {
  AppShell,
  Avatar,
  Burger,
  Divider,
  Group,
  Image,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type ComponentType, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import {
  IconCheck,
  IconChevronDown,
  IconExternal,
  IconLanguage,
  IconLogout,
  IconSliders,
  IconUser,
} from '../components/icons.tsx';
import { useNotify } from '../components/use-error-message.ts';
import { useCurrentUser, useLogout, useSignedOut } from '../features/auth/auth.queries.ts';
import { InboxCountBadge } from '../features/certificates/inbox-count-badge.tsx';
import { FiringAlertsIndicator } from '../features/monitoring/firing-alerts-indicator.tsx';
import { usePublicSettings, useUpdateMySettings } from '../features/settings/settings.queries.ts';
import { connectEvents } from '../lib/events.ts';
import { isNavItemCurrent, type NavItem, type NavSection, visibleNavItems } from './nav-items.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

/** Keeps the one WebSocket open while a user is signed in. */
function useServerEvents(userId: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signedOut = useSignedOut();
  const notify = useNotify();
  const { t } = useTranslation();
  const onRevoked = useRef(() => {});
  onRevoked.current = () => {
    signedOut();
    notify.success(t('layout.sessionEnded'));
    void navigate('/login', { replace: true });
  };
  useEffect(
    () =>
      connectEvents({
        queryClient,
        currentUserId: () => userId,
        onSessionRevoked: () => onRevoked.current(),
      }),
    [queryClient, userId],
  );
}

function ClinicBrand() {
  const { data: clinic } = usePublicSettings();
  const { t } = useTranslation();
  const name = clinic?.clinicName ?? t('common.appName');
  return (
    <UnstyledButton component={Link} to="/" className="brand-link">
      <Group gap="xs" wrap="nowrap">
        {clinic?.logoUrl ? <Image src={clinic.logoUrl} alt="" h={28} w="auto" fit="contain" /> : null}
        <Text fw={700} size="lg" truncate="end" maw={{ base: 180, sm: 360 }}>
          {name}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

function UserMenu() {
  const me = useCurrentUser();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const updateSettings = useUpdateMySettings();
  const notify = useNotify();

  const changeLanguage = (language: Language) => {
    updateSettings.mutate({ language }, { onError: notify.error });
  };

  const onLogout = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        notify.success(t('layout.loggedOut'));
        void navigate('/login', { replace: true });
      },
    });
  };

  return (
    <Menu position="bottom-end" width={240} withinPortal shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={t('layout.userMenu', { name: me.name })} className="user-menu-target">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="teal" radius="xl" size="sm">
              {initials(me.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" truncate="end" maw={200}>
              {me.name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} />}>
          {t('layout.profile')}
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/me" leftSection={<IconSliders size={16} />}>
          {t('layout.mySettings')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>
          <Group gap={6}>
            <IconLanguage size={14} />
            {t('layout.language')}
          </Group>
        </Menu.Label>
        {LANGUAGES.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            onClick={() => changeLanguage(language)}
            rightSection={i18n.language === language ? <IconCheck size={16} /> : null}
            aria-current={i18n.language === language ? 'true' : undefined}
          >
            {t(`languages.${language}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={onLogout}>
          {t('layout.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

const SECTION_LABELS: Partial<Record<NavSection, 'nav.administration' | 'nav.operations'>> = {
  administration: 'nav.administration',
  operations: 'nav.operations',
};

/** Live counts shown beside some navigation items. */
const NAV_BADGES: Partial<Record<NavItem['id'], ComponentType>> = {
  certificatesInbox: InboxCountBadge,
};

function NavItemLink({ item, onNavigate }: { item: NavItem; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const Icon = item.icon;
  if (item.external) {
    return (
      <NavLink
        component="a"
        href={item.to}
        target="_blank"
        rel="noreferrer"
        label={t(`nav.${item.id}`)}
        leftSection={<Icon size={18} />}
        rightSection={<IconExternal size={14} />}
      />
    );
  }
  const active = isNavItemCurrent(item, pathname);
  const Badge = NAV_BADGES[item.id];
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={t(`nav.${item.id}`)}
      leftSection={<Icon size={18} />}
      rightSection={Badge ? <Badge /> : undefined}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
    />
  );
}

function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const items = visibleNavItems(me.permissions);
  const sections: NavSection[] = ['main', 'administration', 'operations'];
  return (
    <>
      <AppShell.Section grow component={ScrollArea}>
        <Stack gap="md">
          {sections.map((section) => {
            const sectionItems = items.filter((item) => item.section === section);
            if (sectionItems.length === 0) return null;
            const label = SECTION_LABELS[section];
            return (
              <Stack gap={2} key={section}>
                {label ? (
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                    {t(label)}
                  </Text>
                ) : null}
                {sectionItems.map((item) => (
                  <NavItemLink key={item.id} item={item} onNavigate={onNavigate} />
                ))}
              </Stack>
            );
          })}
        </Stack>
      </AppShell.Section>
      <AppShell.Section>
        <Divider mb="xs" />
        {items
          .filter((item) => item.section === 'help')
          .map((item) => (
            <NavItemLink key={item.id} item={item} onNavigate={onNavigate} />
          ))}
      </AppShell.Section>
    </>
  );
}

/** The frame of every signed-in page: header, navigation and the main area. */
export function AppLayout() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useServerEvents(me.id);

  // After navigating, move focus to the new page so that keyboard and screen reader users start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main-content">
        {t('layout.skipToContent')}
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.toggle')}
              />
              <ClinicBrand />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <FiringAlertsIndicator />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.main')}>
          <Navigation onNavigate={close} />
        </AppShell.Navbar>
        <AppShell.Main id="main-content" ref={mainRef} tabIndex={-1} className="main-content">
          <div className="page-container">
            <Outlet />
          </div>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

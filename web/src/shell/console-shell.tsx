import { useEffect, useRef } from 'react';
import { AppShell, Box, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useSignedIn } from '../api/session.ts';
import { ConnectionBanner } from '../components/connection-banner.tsx';
import { DrillBanner } from '../drills/index.ts';
import { LogoMark } from '../components/icons.tsx';
import { MainNav } from './main-nav.tsx';
import { visibleNavItems } from './nav-items.ts';
import { UserMenu } from './user-menu.tsx';

/** The frame of every signed-in screen: header, role-aware navigation, connection banner. */
export const ConsoleShell = () => {
  const session = useSignedIn();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const items = visibleNavItems(session.permissions);
  const firstRender = useRef(true);

  // After a navigation, move the focus to the new page's heading (not on the first load).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-route-heading]')?.focus());
  }, [pathname]);

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 212, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={0}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Group gap={8} wrap="nowrap">
                <LogoMark />
                <Text fw={700} fz="lg" lts={-0.3}>
                  Lookout
                </Text>
              </Group>
            </Link>
            <Text c="dimmed" fz="sm" visibleFrom="xs" truncate maw={240}>
              / {session.workspace.name}
            </Text>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" bg="gray.0" aria-label="Main">
        <MainNav items={items} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="white" style={{ outline: 'none' }}>
        <ConnectionBanner />
        <DrillBanner />
        <Box px="lg" py="md" maw={1280}>
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
};

import { Box, Flex, NavLink, Stack, Text } from '@mantine/core';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSignedIn } from '../api/session.ts';

/** Settings pages, each shown only to roles that may read it. Channels, rules, SLA… join this list. */
export const SETTINGS_PAGES = [
  { path: 'workspace', label: 'Workspace', permission: 'workspace:read' },
  { path: 'members', label: 'Members', permission: 'members:read' },
  { path: 'teams', label: 'Teams', permission: 'members:read' },
  { path: 'channels', label: 'Channels', permission: 'channels:read' },
  { path: 'listening', label: 'Listening queries', permission: 'channels:read' },
  { path: 'rules', label: 'Rules', permission: 'conversations:read' },
  { path: 'sla', label: 'SLA and hours', permission: 'conversations:read' },
  { path: 'canned-replies', label: 'Canned replies', permission: 'conversations:read' },
  { path: 'compliance', label: 'Compliance', permission: 'conversations:reply' },
  { path: 'triage', label: 'Triage weights', permission: 'conversations:read' },
  { path: 'classifiers', label: 'Classifiers', permission: 'conversations:read' },
  { path: 'playbooks', label: 'Playbooks', permission: 'incidents:read' },
  { path: 'alerts', label: 'Alerts', permission: 'incidents:read' },
  { path: 'surveys', label: 'Surveys', permission: 'workspace:read' },
  { path: 'tokens', label: 'API tokens', permission: 'tokens:manage' },
  { path: 'audit', label: 'Audit log', permission: 'audit:read' },
] as const;

export const useSettingsPages = () => {
  const session = useSignedIn();
  return SETTINGS_PAGES.filter((p) => session.permissions.includes(p.permission));
};

export const SettingsIndex = () => {
  const pages = useSettingsPages();
  return <Navigate to={pages[0] ? `/settings/${pages[0].path}` : '/'} replace />;
};

export const SettingsLayout = () => {
  const pages = useSettingsPages();
  const { pathname } = useLocation();
  return (
    <Flex gap="xl" align="flex-start" direction={{ base: 'column', md: 'row' }}>
      <Box component="nav" aria-label="Settings" w={{ base: '100%', md: 180 }} style={{ flexShrink: 0 }}>
        <Text fz="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={6} lts={0.4}>
          Settings
        </Text>
        <Stack gap={2}>
          {pages.map((p) => {
            const to = `/settings/${p.path}`;
            const active = pathname === to;
            return (
              <NavLink
                key={p.path}
                component={Link}
                to={to}
                label={p.label}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="subtle"
                fw={active ? 600 : 500}
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              />
            );
          })}
        </Stack>
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }} w="100%">
        <Outlet />
      </Box>
    </Flex>
  );
};

import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { useSignOut, useSignedIn } from '../api/session.ts';
import { RoleBadge } from '../components/role-badge.tsx';
import { ChevronDownIcon } from '../components/icons.tsx';

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** Who is signed in, their role, and sign-out. */
export const UserMenu = () => {
  const session = useSignedIn();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const name = session.member?.name ?? 'API token';

  return (
    <Group gap="sm" wrap="nowrap">
      <RoleBadge role={session.role} data-testid="role-badge" />
      {/* The avatar sits outside the button: its initials would not match the button's name. */}
      <Avatar size={30} radius="xl" color="indigo" variant="filled" aria-hidden="true">
        {initialsOf(name)}
      </Avatar>
      <Menu position="bottom-end" width={240} shadow="md" withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <UnstyledButton aria-label={`${name}, account menu`} px={6} py={4} style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
            <Group gap={4} wrap="nowrap">
              <Text fz="sm" fw={500} visibleFrom="sm" truncate maw={160}>
                {name}
              </Text>
              <ChevronDownIcon size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Signed in as {session.member?.email ?? name}</Menu.Label>
          <Menu.Item
            onClick={async () => {
              await signOut();
              navigate('/sign-in', { replace: true });
            }}
          >
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
};

import type { KeyboardEvent } from 'react';
import { NavLink, Stack } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import type { NavItem } from './nav-items.ts';

/**
 * The main navigation: plain links (Tab reaches each), and ↑/↓/Home/End move between them
 * like a menu, so a keyboard user crosses the nav without tabbing through every item.
 */
export const MainNav = ({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) => {
  const { pathname } = useLocation();

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-nav-item]')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const to = { ArrowDown: (at + 1) % links.length, ArrowUp: (at - 1 + links.length) % links.length, Home: 0, End: links.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    links[to]?.focus();
  };

  return (
    // The caller supplies the <nav> landmark (AppShell.Navbar is one) and its label.
    <Stack gap={2} onKeyDown={onKeyDown}>
        {items.map((item) => {
          const active = pathname === item.path || pathname.startsWith(`${item.path}/`);
          const Icon = item.icon;
          return (
            <NavLink
              key={item.path}
              component={Link}
              to={item.path}
              label={item.label}
              leftSection={<Icon size={18} />}
              active={active}
              aria-current={active ? 'page' : undefined}
              data-nav-item=""
              onClick={onNavigate}
              fw={active ? 600 : 500}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            />
          );
        })}
    </Stack>
  );
};

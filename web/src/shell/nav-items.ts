import type { ComponentType } from 'react';
import { ApprovalsIcon, CustomersIcon, IncidentIcon, InboxIcon, ReportsIcon, SettingsIcon, WallIcon } from '../components/icons.tsx';
import { DrillIcon } from '../drills/drill-icon.tsx';

/**
 * The console's main navigation. An item shows only when the role has its permission (the API
 * refuses the same calls anyway). `placeholder` items have no screen yet: their page says what
 * will live there. When a feature lands, drop `placeholder` and add its routes in app.tsx.
 */
export interface NavItem {
  path: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  /** Any of these permissions shows the item. */
  permission: string | string[];
  placeholder?: { title: string; description: string };
}

export const NAV_ITEMS: NavItem[] = [
  {
    path: '/inbox',
    label: 'Inbox',
    icon: InboxIcon,
    permission: 'conversations:read',
  },
  {
    path: '/approvals',
    label: 'Approvals',
    icon: ApprovalsIcon,
    permission: 'approvals:decide',
  },
  {
    path: '/customers',
    label: 'Customers',
    icon: CustomersIcon,
    permission: 'customers:read',
  },
  {
    path: '/incidents',
    label: 'Incidents',
    icon: IncidentIcon,
    permission: 'incidents:read',
  },
  {
    path: '/wall',
    label: 'Wall',
    icon: WallIcon,
    permission: 'incidents:read',
  },
  {
    path: '/drills',
    label: 'Drills',
    icon: DrillIcon,
    permission: ['drills:run', 'incidents:read'],
  },
  {
    path: '/reports',
    label: 'Reports',
    icon: ReportsIcon,
    permission: 'reports:read',
    placeholder: { title: 'No data to report yet', description: 'Volumes, response times, SLA attainment and sentiment trends will be charted here.' },
  },
  {
    path: '/settings',
    label: 'Settings',
    icon: SettingsIcon,
    permission: ['workspace:read', 'members:read', 'tokens:manage', 'audit:read'],
  },
];

export const hasAny = (permissions: readonly string[], needed: string | string[]): boolean =>
  (Array.isArray(needed) ? needed : [needed]).some((p) => permissions.includes(p));

export const visibleNavItems = (permissions: readonly string[]): NavItem[] => NAV_ITEMS.filter((i) => hasAny(permissions, i.permission));

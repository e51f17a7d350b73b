import { ROLES, type Role } from '../../platform/db/schema/index.ts';

export { ROLES, type Role };

/**
 * What a caller may do. Every HTTP route declares exactly one of these (or 'public'), and the
 * server refuses to start if a route does not. Roles are fixed bundles of permissions.
 */
export const PERMISSIONS = [
  'workspace:read',
  'workspace:manage',
  'members:read',
  'members:manage',
  'tokens:manage',
  'audit:read',
  'channels:read',
  'channels:manage',
  'rules:manage',
  'conversations:read',
  'conversations:write',
  'conversations:reply',
  'approvals:decide',
  'customers:read',
  'customers:write',
  'reports:read',
  'feedback:read',
  'feedback:write',
  'incidents:read',
  'incidents:manage',
  'drills:run',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ALL = new Set<Permission>(PERMISSIONS);
const without = (...p: Permission[]) => new Set([...ALL].filter((x) => !p.includes(x)));

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: ALL,
  supervisor: without('workspace:manage', 'members:manage', 'tokens:manage', 'channels:manage'),
  agent: new Set<Permission>([
    'workspace:read', 'members:read', 'channels:read', 'conversations:read', 'conversations:write', 'conversations:reply',
    'customers:read', 'customers:write', 'feedback:read', 'feedback:write', 'incidents:read', 'reports:read',
  ]),
  // Read-only: sees the work and the numbers, changes nothing.
  analyst: new Set<Permission>([
    'workspace:read', 'members:read', 'channels:read', 'conversations:read', 'customers:read', 'reports:read',
    'feedback:read', 'incidents:read',
  ]),
  // Product teams: the feedback, and the reports that explain it.
  product: new Set<Permission>(['workspace:read', 'feedback:read', 'feedback:write', 'reports:read']),
};

export const can = (role: Role, permission: Permission): boolean => ROLE_PERMISSIONS[role].has(permission);

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

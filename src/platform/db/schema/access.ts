import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid, bigserial } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantPolicy, tstz, updatedAt } from './_common.ts';

/** Owned by modules/access: workspaces, members, sessions, API tokens, the audit log. */

export const ROLES = ['admin', 'supervisor', 'agent', 'analyst', 'product'] as const;
export type Role = (typeof ROLES)[number];

/** Not a tenant table: a workspace is the tenant. Read through the system path only. */
export const workspaces = pgTable('workspaces', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Workspace-wide settings (triage weights, approval requirement, virality threshold …). */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  timeZone: text('time_zone').notNull().default('UTC'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const members = pgTable(
  'members',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role').$type<Role>().notNull(),
    /** Signature used when replying through a shared brand account ("^JS"). */
    persona: text('persona'),
    skills: jsonb('skills').$type<{ languages?: string[]; channels?: string[] }>().notNull().default({}),
    capacity: integer('capacity').notNull().default(20),
    availability: text('availability').$type<'online' | 'away' | 'offline'>().notNull().default('offline'),
    isActive: boolean('is_active').notNull().default(true),
    lastSeenAt: tstz('last_seen_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('members_workspace_email').on(t.workspaceId, sql`lower(${t.email})`), index('members_email').on(sql`lower(${t.email})`), tenantPolicy('members')],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value: a stolen database does not yield live sessions. */
    id: text('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('sessions_member').on(t.memberId), tenantPolicy('sessions')],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** sha256 of the token; the token itself is shown once, at creation. */
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, so a person can tell tokens apart. */
    prefix: text('prefix').notNull(),
    role: text('role').$type<Role>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: tstz('last_used_at'),
    expiresAt: tstz('expires_at'),
    revokedAt: tstz('revoked_at'),
  },
  () => [tenantPolicy('api_tokens')],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    actorType: text('actor_type').$type<'member' | 'token' | 'system'>().notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_workspace_time').on(t.workspaceId, t.createdAt), tenantPolicy('audit_log')],
);

/**
 * One-time links that let the first person in (printed at first start). Not a tenant table:
 * it exists before any workspace does. Only the sha256 of the token is stored.
 */
export const setupTokens = pgTable('setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  createdAt: createdAt(),
  expiresAt: tstz('expires_at').notNull(),
  usedAt: tstz('used_at'),
});

export const teams = pgTable(
  'teams',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    assignment: text('assignment').$type<'round_robin' | 'least_loaded' | 'manual'>().notNull().default('least_loaded'),
    /** Round-robin pointer: the member who got the last conversation. */
    lastAssignedMemberId: uuid('last_assigned_member_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('teams_workspace_name').on(t.workspaceId, t.name), tenantPolicy('teams')],
);

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('team_members_pk').on(t.teamId, t.memberId), index('team_members_member').on(t.memberId), tenantPolicy('team_members')],
);

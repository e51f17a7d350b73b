import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The role application queries run as. It owns nothing, so PostgreSQL's row-level security
 * applies to it (owners and superusers bypass RLS). Created by the first migration.
 */
export const APP_ROLE = 'lookout_app';
export const appRole = pgRole(APP_ROLE).existing();

/** The setting each tenant transaction sets with set_config(..., true). */
export const WORKSPACE_SETTING = 'lookout.workspace_id';

const currentWorkspace = sql.raw(`nullif(current_setting('${WORKSPACE_SETTING}', true), '')::uuid`);

/**
 * The second wall: every tenant table gets this policy. A query that forgot its workspace
 * filter still sees only the workspace of its transaction, and no transaction without a
 * workspace sees or writes anything.
 */
export const tenantPolicy = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`workspace_id = ${currentWorkspace}`,
    withCheck: sql`workspace_id = ${currentWorkspace}`,
  });

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => tstz('created_at').notNull().defaultNow();
export const updatedAt = () => tstz('updated_at').notNull().defaultNow();

import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantPolicy, updatedAt } from './_common.ts';
import { workspaces } from './access.ts';

/** Owned by modules/routing: rules, SLA policies, business-hours calendars; and canned replies. */

export const rules = pgTable(
  'rules',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    layer: text('layer').$type<'channel' | 'data'>().notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    /** The rule as the routing module defines it (conditions, actions, stop). Validated when saved. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('rules_workspace_order').on(t.workspaceId, t.layer, t.position), tenantPolicy('rules')],
);

export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Time zone, weekly hours and holidays, as the routing module defines a calendar. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [tenantPolicy('business_calendars')],
);

export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    calendarId: uuid('calendar_id').references(() => businessCalendars.id, { onDelete: 'set null' }),
    /** Which conversations it applies to and its targets in minutes. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [tenantPolicy('sla_policies')],
);

export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Text with variables: {{customer.name}}, {{agent.persona}} … */
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [tenantPolicy('canned_replies')],
);

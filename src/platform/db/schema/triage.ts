import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantPolicy } from './_common.ts';
import { members, workspaces } from './access.ts';

/** Owned by modules/triage: a workspace's own classifiers (intent, topic) and its needs-response model. */

export const classifiers = pgTable(
  'classifiers',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').$type<'intent' | 'topic' | 'needs_response'>().notNull(),
    /** The trained model as the triage module serialises it (lookout-classifier/1 or lookout-needs-response/1). */
    model: jsonb('model').$type<Record<string, unknown>>().notNull(),
    /** Held-out accuracy, abstain rate, examples and labels, measured when it was trained. */
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
    /** Each retrain adds a version; one version per name is active (applied to new mentions). */
    isActive: boolean('is_active').notNull().default(true),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('classifiers_one_active_per_name').on(t.workspaceId, sql`lower(${t.name})`).where(sql`is_active`),
    index('classifiers_workspace').on(t.workspaceId, t.createdAt),
    tenantPolicy('classifiers'),
  ],
);

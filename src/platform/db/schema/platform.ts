import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantPolicy, tstz } from './_common.ts';
import { workspaces } from './access.ts';

/** Owned by the platform: the event log behind live updates, and the job queue. */

/**
 * Every domain event, in order. The console's live stream reads it by id, so a client that
 * reconnects with Last-Event-ID gets exactly what it missed.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    subjectId: text('subject_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('events_workspace_id').on(t.workspaceId, t.id), tenantPolicy('events')],
);

/** Deferred work (sends, alerts, retrains, SLA checks), claimed with FOR UPDATE SKIP LOCKED. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    queue: text('queue').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** Same key, same job: enqueueing twice does nothing. */
    dedupeKey: text('dedupe_key'),
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
    runAt: tstz('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lockedAt: tstz('locked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('jobs_due').on(t.queue, t.runAt).where(sql`status = 'queued'`),
    index('jobs_dedupe').on(t.workspaceId, t.queue, t.dedupeKey),
    tenantPolicy('jobs'),
  ],
);

import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantPolicy, tstz, updatedAt } from './_common.ts';
import { workspaces } from './access.ts';

/** Owned by modules/channels and modules/ingestion. */

export interface ChannelHealth {
  lastSuccessAt?: string | null;
  lastErrorAt?: string | null;
  lastError?: string | null;
  consecutiveErrors?: number;
  lagSeconds?: number | null;
  itemsLastHour?: number;
  failedItems?: number;
  problem?: string | null;
}

export const channels = pgTable(
  'channels',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Non-secret configuration (hosts, handles, feed urls). */
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    /** Credentials, sealed with the platform SecretBox; never returned by the API. */
    secretsSealed: text('secrets_sealed'),
    status: text('status').$type<'active' | 'paused' | 'error' | 'disconnected'>().notNull().default('active'),
    health: jsonb('health').$type<ChannelHealth>().notNull().default({}),
    /** The connector's poll cursor, written in the same transaction as the items it covers. */
    cursor: jsonb('cursor'),
    /** Public key for the web chat widget and the signed webhook's path. */
    publicKey: text('public_key').unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('channels_workspace').on(t.workspaceId), tenantPolicy('channels')],
);

export const listeningQueries = pgTable(
  'listening_queries',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** null: applies to every keyword-search source of the workspace. */
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: text('query').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('listening_queries_workspace').on(t.workspaceId), tenantPolicy('listening_queries')],
);

/**
 * The raw store and the pipeline's queue in one: a row is committed before a receiver
 * acknowledges, and the workers claim pending rows with FOR UPDATE SKIP LOCKED.
 */
export const rawItems = pgTable(
  'raw_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    /** The connector's InboundItem (normalized envelope + raw payload). */
    payload: jsonb('payload').notNull(),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    status: text('status').$type<'pending' | 'done' | 'failed' | 'ignored'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    processedAt: tstz('processed_at'),
    isDrill: boolean('is_drill').notNull().default(false),
  },
  (t) => [
    uniqueIndex('raw_items_channel_external').on(t.channelId, t.externalId),
    index('raw_items_pending').on(t.id).where(sql`status = 'pending'`),
    index('raw_items_workspace_received').on(t.workspaceId, t.receivedAt),
    tenantPolicy('raw_items'),
  ],
);

/** Items or polls that failed, with the reason: part of a channel's health, never silently dropped. */
export const channelFailures = pgTable(
  'channel_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    externalId: text('external_id'),
    raw: jsonb('raw'),
    createdAt: createdAt(),
  },
  (t) => [index('channel_failures_channel_time').on(t.channelId, t.createdAt), tenantPolicy('channel_failures')],
);

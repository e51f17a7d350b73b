import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantPolicy, tstz, updatedAt } from './_common.ts';
import { workspaces } from './access.ts';

/** Owned by modules/customers: identities per network, customers, reversible links and merges. */

export const identities = pgTable(
  'identities',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The network (channel kind): an author on Bluesky is one identity whichever channel heard them. */
    channelKind: text('channel_kind').notNull(),
    externalId: text('external_id').notNull(),
    handle: text('handle').notNull(),
    displayName: text('display_name'),
    email: text('email'),
    followers: integer('followers'),
    verified: boolean('verified').notNull().default(false),
    profileUrl: text('profile_url'),
    avatarUrl: text('avatar_url'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('identities_network_external').on(t.workspaceId, t.channelKind, t.externalId),
    index('identities_handle').on(t.workspaceId, sql`lower(${t.handle})`),
    index('identities_email').on(t.workspaceId, sql`lower(${t.email})`),
    tenantPolicy('identities'),
  ],
);

export const customers = pgTable(
  'customers',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name'),
    email: text('email'),
    tier: text('tier'),
    isVip: boolean('is_vip').notNull().default(false),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    notes: text('notes'),
    optedOut: boolean('opted_out').notNull().default(false),
    /** Set while this customer is merged into another; cleared by an unmerge. */
    mergedIntoId: uuid('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('customers_workspace_updated').on(t.workspaceId, t.updatedAt), index('customers_email').on(t.workspaceId, sql`lower(${t.email})`), tenantPolicy('customers')],
);

/** Which identities are which customer: every link has a confidence, a reason, and who made it. */
export const customerIdentities = pgTable(
  'customer_identities',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    identityId: uuid('identity_id').notNull().references(() => identities.id, { onDelete: 'cascade' }),
    confidence: real('confidence').notNull().default(1),
    reason: text('reason').notNull(),
    linkedBy: text('linked_by').notNull().default('system'),
    linkedAt: tstz('linked_at').notNull().defaultNow(),
    unlinkedAt: tstz('unlinked_at'),
    unlinkedBy: text('unlinked_by'),
  },
  (t) => [
    uniqueIndex('customer_identities_active').on(t.identityId).where(sql`unlinked_at is null`),
    index('customer_identities_customer').on(t.customerId),
    tenantPolicy('customer_identities'),
  ],
);

/** A merge remembers exactly what it moved so that an unmerge can put it back. */
export const customerMerges = pgTable(
  'customer_merges',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    survivorId: uuid('survivor_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    mergedId: uuid('merged_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    movedLinkIds: jsonb('moved_link_ids').$type<string[]>().notNull().default([]),
    movedConversationIds: jsonb('moved_conversation_ids').$type<string[]>().notNull().default([]),
    reason: text('reason').notNull(),
    confidence: real('confidence'),
    mergedBy: text('merged_by').notNull(),
    createdAt: createdAt(),
    undoneAt: tstz('undone_at'),
    undoneBy: text('undone_by'),
  },
  (t) => [index('customer_merges_survivor').on(t.survivorId), tenantPolicy('customer_merges')],
);

import { sql, type SQL } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantPolicy, tstz, updatedAt } from './_common.ts';
import { workspaces } from './access.ts';

/** Owned by modules/customers: identities per network, customers, reversible links and merges. */

/**
 * A handle without its network's decorations, to find one person's handles on two networks:
 * `@Jo_Smith` (X), `jo-smith.bsky.social` (Bluesky), `jo_smith@mastodon.social` → `josmith`.
 * Lower-case, no leading @, cut at the instance (@) and at the first dot, no `_` or `-`.
 */
export const handleKey = (handle: SQL | AnyPgColumn) =>
  sql`regexp_replace(split_part(split_part(ltrim(lower(${handle}), '@'), '@', 1), '.', 1), '[-_]', '', 'g')`;

/** A URL compared without scheme, `www.`, trailing slashes or case: `https://www.Jo.dev/` → `jo.dev`. */
export const urlKey = (url: SQL | AnyPgColumn) => sql`rtrim(regexp_replace(lower(${url}), '^[a-z]+://(www[.])?', ''), '/')`;

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
    // Duplicate suggestions: the same handle on two networks, the same profile link, similar names.
    index('identities_handle_key').on(t.workspaceId, handleKey(t.handle)),
    index('identities_profile_url_key').on(t.workspaceId, urlKey(t.profileUrl)),
    index('identities_display_name_trgm').using('gin', sql`${t.displayName} gin_trgm_ops`),
    index('identities_handle_trgm').using('gin', sql`${t.handle} gin_trgm_ops`),
    index('identities_website_key').on(t.workspaceId, urlKey(sql`${t.attributes}->>'website'`)).where(sql`${t.attributes} ? 'website'`),
    // Emails are stored lower-cased: plain equality is leakproof, so it can use an index under row-level security.
    index('identities_email_exact').on(t.workspaceId, t.email),
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
  (t) => [
    index('customers_workspace_updated').on(t.workspaceId, t.updatedAt),
    index('customers_email').on(t.workspaceId, sql`lower(${t.email})`),
    // Search by name and email, and name-similarity suggestions (pg_trgm; used on the system path, see modules/customers).
    index('customers_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index('customers_email_trgm').using('gin', sql`${t.email} gin_trgm_ops`),
    index('customers_website_key').on(t.workspaceId, urlKey(sql`${t.attributes}->>'website'`)).where(sql`${t.attributes} ? 'website'`),
    index('customers_email_exact').on(t.workspaceId, t.email),
    // The customer list: most recently changed first, merged customers aside.
    index('customers_recent').on(t.workspaceId, t.updatedAt.desc(), t.id.desc()).where(sql`merged_into_id is null`),
    tenantPolicy('customers'),
  ],
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

/**
 * A merge remembers exactly what it moved so that an unmerge can put it back.
 * kind 'merge': merged_id's links and conversations moved to survivor_id.
 * kind 'split': one identity was unlinked from survivor_id into a new customer, merged_id; its
 * undo puts the identity back (relink).
 */
export const customerMerges = pgTable(
  'customer_merges',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'merge' | 'split'>().notNull().default('merge'),
    survivorId: uuid('survivor_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    mergedId: uuid('merged_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    movedLinkIds: jsonb('moved_link_ids').$type<string[]>().notNull().default([]),
    movedConversationIds: jsonb('moved_conversation_ids').$type<string[]>().notNull().default([]),
    reason: text('reason').notNull(),
    confidence: real('confidence'),
    mergedBy: text('merged_by').notNull(),
    /** The survivor's previous values of the empty fields the merge filled from the other customer (email, tier …). */
    filledFields: jsonb('filled_fields').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    undoneAt: tstz('undone_at'),
    undoneBy: text('undone_by'),
  },
  (t) => [index('customer_merges_survivor').on(t.survivorId), index('customer_merges_merged').on(t.mergedId), tenantPolicy('customer_merges')],
);

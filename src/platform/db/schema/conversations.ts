import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, pgView, real, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantPolicy, tstz, updatedAt } from './_common.ts';
import { members, teams, workspaces } from './access.ts';
import { channels, rawItems } from './channels.ts';
import { customers, identities } from './customers.ts';

/** Owned by modules/conversations (conversations, messages, tags, timeline) and modules/ingestion (mentions). */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const CONVERSATION_STATUSES = ['new', 'open', 'pending', 'relieved', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    subject: text('subject'),
    status: text('status').$type<ConversationStatus>().notNull().default('new'),
    priority: smallint('priority').notNull().default(0),
    needsResponse: boolean('needs_response').notNull().default(true),
    sentiment: text('sentiment'),
    intent: text('intent'),
    language: text('language'),
    /** Highest follower count among the authors in the conversation, for the influence filter. */
    influence: integer('influence').notNull().default(0),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => members.id, { onDelete: 'set null' }),
    /** Triage explanation of the mention that set the priority: reasons a person can read. */
    triage: jsonb('triage').$type<Record<string, unknown>>().notNull().default({}),
    /** Every rule that fired, with why: answers "why did this go to Billing?". */
    firedRules: jsonb('fired_rules').$type<unknown[]>().notNull().default([]),
    slaPolicyId: uuid('sla_policy_id'),
    firstResponseDueAt: tstz('first_response_due_at'),
    reliefDueAt: tstz('relief_due_at'),
    resolutionDueAt: tstz('resolution_due_at'),
    firstResponseAt: tstz('first_response_at'),
    relievedAt: tstz('relieved_at'),
    resolvedAt: tstz('resolved_at'),
    closedAt: tstz('closed_at'),
    /** When the SLA clock was paused (waiting on the customer), and how much was paused in total. */
    slaPausedAt: tstz('sla_paused_at'),
    slaPausedSeconds: integer('sla_paused_seconds').notNull().default(0),
    /**
     * The SLA scheduler's bookmark: the earliest moment a warning or breach may become due (null =
     * not looked at yet; 'infinity' = nothing left to emit). Whoever moves a due time earlier resets it to null.
     */
    slaNextCheckAt: tstz('sla_next_check_at'),
    snoozedUntil: tstz('snoozed_until'),
    lastMessageAt: tstz('last_message_at').notNull().defaultNow(),
    lastInboundAt: tstz('last_inbound_at'),
    isDrill: boolean('is_drill').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversations_inbox').on(t.workspaceId, t.status, t.priority.desc(), t.updatedAt.desc()),
    index('conversations_assignee').on(t.workspaceId, t.assigneeId, t.status),
    index('conversations_team').on(t.workspaceId, t.teamId, t.status),
    index('conversations_customer').on(t.customerId),
    // The work queues (needs response, unassigned, mine): open work by priority, oldest first, keyset by id.
    index('conversations_open_queue').on(t.workspaceId, t.priority.desc(), t.lastMessageAt, t.id).where(sql`status in ('new', 'open')`),
    // Waiting, dismissed, all and search results: newest activity first.
    index('conversations_recent').on(t.workspaceId, t.lastMessageAt.desc(), t.id.desc()),
    // The SLA scheduler's tick: only conversations whose clocks run, by when they next need a look
    // (never looked at first); one range scan that stops at the batch size.
    index('conversations_sla_next_check')
      .on(sql`coalesce(${t.slaNextCheckAt}, '-infinity'::timestamptz)`)
      .where(sql`sla_policy_id is not null and resolved_at is null and closed_at is null and sla_paused_at is null and not is_drill`),
    tenantPolicy('conversations'),
  ],
);

export const mentions = pgTable(
  'mentions',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Null once its channel is deleted: what was heard stays, with the conversations it is part of. */
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    rawItemId: bigint('raw_item_id', { mode: 'number' }).references(() => rawItems.id, { onDelete: 'set null' }),
    externalId: text('external_id').notNull(),
    kind: text('kind').notNull(),
    visibility: text('visibility').$type<'public' | 'private'>().notNull(),
    title: text('title'),
    text: text('text').notNull(),
    url: text('url'),
    language: text('language'),
    identityId: uuid('identity_id').references(() => identities.id, { onDelete: 'set null' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    inReplyToExternalId: text('in_reply_to_external_id'),
    threadRootExternalId: text('thread_root_external_id'),
    /** Ids of the listening queries that matched (keyword-search sources). */
    matchedQueryIds: jsonb('matched_query_ids').$type<string[]>().notNull().default([]),
    triage: jsonb('triage').$type<Record<string, unknown>>(),
    priority: smallint('priority').notNull().default(0),
    sentiment: text('sentiment'),
    sentimentScore: real('sentiment_score'),
    intent: text('intent'),
    needsResponse: boolean('needs_response'),
    isOwn: boolean('is_own').notNull().default(false),
    isDrill: boolean('is_drill').notNull().default(false),
    /** Followers of the author when it was heard, for the influence filter without a join. */
    authorFollowers: integer('author_followers').notNull().default(0),
    engagement: jsonb('engagement').$type<{ likes?: number; reposts?: number; replies?: number }>().notNull().default({}),
    /** Hash of author + normalized text: the same post arriving from two sources is stored once. */
    contentHash: text('content_hash'),
    /** Set when the mention was dismissed by triage or a person (and by whom), for the Dismissed queue. */
    dismissedAt: tstz('dismissed_at'),
    dismissedBy: text('dismissed_by'),
    authoredAt: tstz('authored_at').notNull(),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || text)`),
  },
  (t) => [
    uniqueIndex('mentions_channel_external').on(t.channelId, t.externalId),
    index('mentions_workspace_received').on(t.workspaceId, t.receivedAt.desc()),
    index('mentions_conversation').on(t.conversationId, t.authoredAt),
    index('mentions_identity').on(t.identityId),
    index('mentions_content_hash').on(t.workspaceId, t.contentHash),
    index('mentions_in_reply_to').on(t.channelId, t.inReplyToExternalId),
    // Replays find the mentions their raw items made.
    index('mentions_raw_item').on(t.rawItemId),
    // Words are searched through `search` (whole words and the prefix being typed). No trigram index
    // on `text`: substring search does not use it any more, and it was a third of a mention's insert.
    index('mentions_search').using('gin', t.search),
    tenantPolicy('mentions'),
  ],
);

/**
 * What Lookout writes into a conversation: replies (and their outbox state), notes, outreach,
 * surveys, acknowledgements. What is heard — the customer's messages and the brand's own posts
 * seen on a channel — is stored once, as mentions; `timelineMessages` reads both as one timeline.
 */
export const messages = pgTable(
  'messages',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    direction: text('direction').$type<'inbound' | 'outbound' | 'note'>().notNull(),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    authorMemberId: uuid('author_member_id').references(() => members.id, { onDelete: 'set null' }),
    authorIdentityId: uuid('author_identity_id').references(() => identities.id, { onDelete: 'set null' }),
    visibility: text('visibility').$type<'public' | 'private' | 'internal'>().notNull(),
    body: text('body').notNull(),
    /** The external id the channel gave the sent message; written back after the send. */
    externalId: text('external_id'),
    /** Outbox state for outbound messages: a retry never double-posts. */
    outboxState: text('outbox_state').$type<'awaiting_approval' | 'queued' | 'sending' | 'sent' | 'failed' | 'rejected'>(),
    outboxError: text('outbox_error'),
    outboxAttempts: integer('outbox_attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at'),
    sentAt: tstz('sent_at'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    isDrill: boolean('is_drill').notNull().default(false),
    /** The client's Idempotency-Key for a reply: the same key returns the same message. */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_conversation').on(t.conversationId, t.createdAt),
    index('messages_outbox').on(t.nextAttemptAt).where(sql`outbox_state in ('queued', 'sending')`),
    // Threading: a customer's reply to one of our sent messages finds its conversation. Only
    // outbound messages are looked up by external id (inbound ones thread through their mention),
    // so inbound messages — most rows — stay out of this index.
    index('messages_external_id').on(t.workspaceId, t.externalId).where(sql`external_id is not null and direction = 'outbound'`),
    uniqueIndex('messages_idempotency_key').on(t.workspaceId, t.idempotencyKey).where(sql`idempotency_key is not null`),
    index('messages_awaiting_approval').on(t.workspaceId, t.createdAt).where(sql`outbox_state = 'awaiting_approval'`),
    tenantPolicy('messages'),
  ],
);

/**
 * A conversation's messages, as the timeline shows them: the rows of `messages` and, for every
 * mention in a conversation, the message it is — inbound from a customer, or outbound and sent for
 * a brand post heard on the channel (its id is the mention's). A view (migration 0012), read-only;
 * `security_invoker`, so both tables' row-level security applies to whoever reads it.
 */
export const timelineMessages = pgView('timeline_messages', {
  id: uuid('id').notNull(),
  workspaceId: uuid('workspace_id').notNull(),
  conversationId: uuid('conversation_id').notNull(),
  direction: text('direction').$type<'inbound' | 'outbound' | 'note'>().notNull(),
  mentionId: uuid('mention_id'),
  channelId: uuid('channel_id'),
  authorMemberId: uuid('author_member_id'),
  authorIdentityId: uuid('author_identity_id'),
  visibility: text('visibility').$type<'public' | 'private' | 'internal'>().notNull(),
  body: text('body').notNull(),
  externalId: text('external_id'),
  outboxState: text('outbox_state').$type<'awaiting_approval' | 'queued' | 'sending' | 'sent' | 'failed' | 'rejected'>(),
  outboxError: text('outbox_error'),
  outboxAttempts: integer('outbox_attempts').notNull(),
  nextAttemptAt: tstz('next_attempt_at'),
  sentAt: tstz('sent_at'),
  meta: jsonb('meta').$type<Record<string, unknown>>().notNull(),
  isDrill: boolean('is_drill').notNull(),
  createdAt: tstz('created_at').notNull(),
}).existing();

/** The conversation's timeline besides messages: status, assignment, rules fired, SLA events. */
export const conversationEvents = pgTable(
  'conversation_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actorType: text('actor_type').$type<'member' | 'token' | 'system' | 'rule'>().notNull(),
    actorId: text('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('conversation_events_conversation').on(t.conversationId, t.createdAt), tenantPolicy('conversation_events')],
);

export const tags = pgTable(
  'tags',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    color: text('color'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_workspace_name').on(t.workspaceId, sql`lower(${t.name})`), tenantPolicy('tags')],
);

export const conversationTags = pgTable(
  'conversation_tags',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id').notNull().references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('conversation_tags_pk').on(t.conversationId, t.tagId), index('conversation_tags_tag').on(t.tagId), tenantPolicy('conversation_tags')],
);

/** "This needed a response" / "this did not": the team's corrections, for the needs-response model to learn from. */
export const triageFeedback = pgTable(
  'triage_feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    mentionId: uuid('mention_id').notNull().references(() => mentions.id, { onDelete: 'cascade' }),
    needsResponse: boolean('needs_response').notNull(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('triage_feedback_workspace_time').on(t.workspaceId, t.createdAt), index('triage_feedback_mention').on(t.mentionId), tenantPolicy('triage_feedback')],
);

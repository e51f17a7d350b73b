import { Type, type Static } from 'typebox';
import { DateTime, Name, Strict, Uuid } from './common.ts';

/** The inbox, a conversation and its timeline, replies and the outbox, approvals, canned replies, tags, live events. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ConversationStatus = Type.Union([
  Type.Literal('new'), Type.Literal('open'), Type.Literal('pending'), Type.Literal('relieved'), Type.Literal('resolved'), Type.Literal('closed'),
]);
export type ConversationStatus = Static<typeof ConversationStatus>;

export const InboxQueue = Type.Union([
  Type.Literal('needs_response'), Type.Literal('mine'), Type.Literal('my_team'), Type.Literal('unassigned'),
  Type.Literal('waiting'), Type.Literal('dismissed'), Type.Literal('all'),
]);
export type InboxQueue = Static<typeof InboxQueue>;

export const InboxQuery = Strict({
  queue: Type.Optional(InboxQueue),
  status: Type.Optional(ConversationStatus),
  channelId: Type.Optional(Uuid),
  channelKind: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  sentiment: Type.Optional(Type.Union([Type.Literal('negative'), Type.Literal('neutral'), Type.Literal('positive')])),
  intent: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  minPriority: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  maxPriority: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  /** Followers of the most followed author in the conversation. */
  minInfluence: Type.Optional(Type.Integer({ minimum: 0 })),
  language: Type.Optional(Type.String({ minLength: 2, maxLength: 16 })),
  /** A running SLA deadline within 30 minutes, or past. */
  slaAtRisk: Type.Optional(Type.Boolean()),
  isDrill: Type.Optional(Type.Boolean()),
  assigneeId: Type.Optional(Uuid),
  teamId: Type.Optional(Uuid),
  /** Full-text search over mentions (whole words; partial words fall back to substring matching). */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  sort: Type.Optional(Type.Union([Type.Literal('priority'), Type.Literal('recent')])),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type InboxQuery = Static<typeof InboxQuery>;

const Ref = Type.Object({ id: Uuid, name: Type.String() });
export const ChannelRef = Type.Object({ id: Uuid, kind: Type.String(), name: Type.String() });
export const TagView = Type.Object({ id: Uuid, name: Type.String(), color: Nullable(Type.String()) });
export type TagView = Static<typeof TagView>;

export const AuthorView = Type.Object({
  identityId: Nullable(Type.String()),
  handle: Type.String(),
  displayName: Nullable(Type.String()),
  followers: Nullable(Type.Integer()),
  verified: Type.Boolean(),
});

export const SlaView = Type.Object({
  firstResponseDueAt: Nullable(DateTime),
  reliefDueAt: Nullable(DateTime),
  resolutionDueAt: Nullable(DateTime),
  firstResponseAt: Nullable(DateTime),
  relievedAt: Nullable(DateTime),
  resolvedAt: Nullable(DateTime),
  /** Set while waiting on the customer (status pending): the clocks are paused. */
  pausedAt: Nullable(DateTime),
  pausedSeconds: Type.Integer(),
  atRisk: Type.Boolean(),
  breached: Type.Boolean(),
});

export const InboxRow = Type.Object({
  id: Uuid,
  status: Type.String(),
  priority: Type.Integer(),
  needsResponse: Type.Boolean(),
  /** Why this priority, readable: "negative, 0.93", "120k followers", "says 'cancel'". */
  reasons: Type.Array(Type.String()),
  sentiment: Nullable(Type.String()),
  intent: Nullable(Type.String()),
  language: Nullable(Type.String()),
  channel: Nullable(ChannelRef),
  customer: Nullable(Type.Object({ id: Uuid, name: Nullable(Type.String()) })),
  author: Nullable(AuthorView),
  /** The latest inbound mention: its text is the snippet; "this needed a response" targets it. */
  latestMentionId: Nullable(Uuid),
  snippet: Type.String(),
  tags: Type.Array(TagView),
  assignee: Nullable(Ref),
  team: Nullable(Ref),
  sla: SlaView,
  snoozedUntil: Nullable(DateTime),
  lastMessageAt: DateTime,
  isDrill: Type.Boolean(),
});
export type InboxRow = Static<typeof InboxRow>;

export const InboxPage = Type.Object({ items: Type.Array(InboxRow), nextCursor: Nullable(Type.String()) });
export type InboxPage = Static<typeof InboxPage>;

/** How many conversations each work queue holds for the viewer, counted up to `cap` (a count equal to it means "at least"). */
export const InboxCounts = Type.Object({
  counts: Type.Object({
    needs_response: Type.Integer({ minimum: 0 }),
    mine: Type.Integer({ minimum: 0 }),
    my_team: Type.Integer({ minimum: 0 }),
    unassigned: Type.Integer({ minimum: 0 }),
    waiting: Type.Integer({ minimum: 0 }),
  }),
  cap: Type.Integer({ minimum: 1 }),
});
export type InboxCounts = Static<typeof InboxCounts>;

export const OutboxState = Type.String({ enum: ['awaiting_approval', 'queued', 'sending', 'sent', 'failed', 'rejected'] });

export const MessageView = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  direction: Type.String({ enum: ['inbound', 'outbound', 'note'] }),
  visibility: Type.String({ enum: ['public', 'private', 'internal'] }),
  /** Plain text as the customer wrote it or as it was sent: render as text, never as HTML. */
  body: Type.String(),
  channel: Nullable(ChannelRef),
  /** type 'member' (id, name) for replies and notes; type 'identity' (handle, followers …) for the customer. */
  author: Nullable(
    Type.Object({
      type: Type.String({ enum: ['member', 'identity'] }),
      id: Type.Optional(Type.String()),
      name: Type.Optional(Type.String()),
      identityId: Type.Optional(Nullable(Type.String())),
      handle: Type.Optional(Type.String()),
      displayName: Type.Optional(Nullable(Type.String())),
      followers: Type.Optional(Nullable(Type.Integer())),
      verified: Type.Optional(Type.Boolean()),
    }),
  ),
  mentionId: Nullable(Uuid),
  mention: Nullable(Type.Object({ priority: Type.Integer(), sentiment: Nullable(Type.String()), needsResponse: Nullable(Type.Boolean()), url: Nullable(Type.String()) })),
  externalId: Nullable(Type.String()),
  /** Outbound only: where the reply is in the outbox, and why it failed. */
  outboxState: Nullable(OutboxState),
  outboxError: Nullable(Type.String()),
  outboxAttempts: Type.Integer(),
  sentAt: Nullable(DateTime),
  createdAt: DateTime,
  /** Notes: mentionedMemberIds; replies: cannedReplyId, length, approvedBy, externalIds, url … */
  meta: Type.Record(Type.String(), Type.Unknown()),
  isDrill: Type.Boolean(),
});
export type MessageView = Static<typeof MessageView>;

export const TimelineEventView = Type.Object({
  id: Type.String(),
  conversationId: Uuid,
  /** status_changed, assigned, note_added, reply_queued, reply_sent, reply_failed, tags_changed, rules_fired, sla.warning … */
  type: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});

export const TimelineItem = Type.Object({
  kind: Type.String({ enum: ['message', 'event'] }),
  at: DateTime,
  /** False for items of the customer's other conversations (other channels, earlier contacts). */
  isThisConversation: Type.Boolean(),
  message: Type.Optional(MessageView),
  event: Type.Optional(TimelineEventView),
});
export type TimelineItem = Static<typeof TimelineItem>;

export const ConversationDetailView = Type.Object({
  id: Uuid,
  status: Type.String(),
  /** Statuses it may move to from here. */
  allowedStatuses: Type.Array(Type.String()),
  priority: Type.Integer(),
  needsResponse: Type.Boolean(),
  subject: Nullable(Type.String()),
  sentiment: Nullable(Type.String()),
  intent: Nullable(Type.String()),
  language: Nullable(Type.String()),
  influence: Type.Integer(),
  /** The triage explanation (sentiment, complaint, intent, urgency cues, influence, factors …). */
  triage: Type.Record(Type.String(), Type.Unknown()),
  reasons: Type.Array(Type.String()),
  /** Every rule that fired, with why. */
  firedRules: Type.Array(Type.Unknown()),
  channel: Nullable(ChannelRef),
  customer: Nullable(Type.Object({ id: Uuid, name: Nullable(Type.String()), email: Nullable(Type.String()), tier: Nullable(Type.String()), isVip: Type.Boolean() })),
  assignee: Nullable(Ref),
  team: Nullable(Ref),
  tags: Type.Array(TagView),
  sla: SlaView,
  snoozedUntil: Nullable(DateTime),
  lastMessageAt: DateTime,
  createdAt: DateTime,
  isDrill: Type.Boolean(),
  customerConversations: Type.Array(Type.Object({ id: Uuid, status: Type.String(), channel: Nullable(ChannelRef), subject: Nullable(Type.String()), lastMessageAt: DateTime })),
  /** Oldest first: messages of every conversation of the customer, and this conversation's events. */
  timeline: Type.Array(TimelineItem),
});
export type ConversationDetailView = Static<typeof ConversationDetailView>;

export const ConversationPatch = Strict({
  status: Type.Optional(ConversationStatus),
  assigneeId: Type.Optional(Nullable(Uuid)),
  teamId: Type.Optional(Nullable(Uuid)),
  snoozedUntil: Type.Optional(Nullable(DateTime)),
  priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
});
export type ConversationPatch = Static<typeof ConversationPatch>;

export const NoteCreate = Strict({ text: Type.String({ minLength: 1, maxLength: 10_000 }) });
export type NoteCreate = Static<typeof NoteCreate>;

export const TagsPut = Strict({ tags: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }) });
export type TagsPut = Static<typeof TagsPut>;

export const ReplyCreate = Strict({
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
  channelId: Type.Optional(Uuid),
  cannedReplyId: Type.Optional(Uuid),
  /** Values for variables beyond {{customer.name}}, {{customer.handle}}, {{agent.name}}, {{agent.persona}}. */
  variables: Type.Optional(Type.Record(Type.String({ pattern: '^[a-zA-Z]\\w*(\\.[a-zA-Z]\\w*)*$' }), Type.String({ maxLength: 2000 }), { maxProperties: 50 })),
  /** The compliance guard's warnings were read and the reply is right as it is (blocks cannot be acknowledged). */
  acknowledgeWarnings: Type.Optional(Type.Boolean()),
});
export type ReplyCreate = Static<typeof ReplyCreate>;

/** The header a client sends with a reply so that a repeat (a retry after a lost answer) returns the first message. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export const FeedbackView = Type.Object({
  mentionId: Uuid,
  conversationId: Nullable(Uuid),
  needsResponse: Type.Boolean(),
  conversationNeedsResponse: Nullable(Type.Boolean()),
});

export const ApprovalView = Type.Object({
  message: MessageView,
  conversation: Type.Object({ id: Uuid, status: Type.String(), priority: Type.Integer(), subject: Nullable(Type.String()), customerName: Nullable(Type.String()) }),
});
export type ApprovalView = Static<typeof ApprovalView>;

export const ApproveBody = Strict({ text: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })) });
export type ApproveBody = Static<typeof ApproveBody>;
export const RejectBody = Strict({ reason: Type.String({ minLength: 1, maxLength: 1000 }) });
export type RejectBody = Static<typeof RejectBody>;

export const CannedReplyView = Type.Object({
  id: Uuid,
  name: Type.String(),
  body: Type.String(),
  variables: Type.Array(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type CannedReplyView = Static<typeof CannedReplyView>;
export const CannedReplyCreate = Strict({ name: Name, body: Type.String({ minLength: 1, maxLength: 20_000 }) });
export type CannedReplyCreate = Static<typeof CannedReplyCreate>;
export const CannedReplyPatch = Strict({ name: Type.Optional(Name), body: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })) });
export type CannedReplyPatch = Static<typeof CannedReplyPatch>;

/**
 * One server-sent event of GET /api/events/stream, as the `data:` of an unnamed frame (EventSource
 * `onmessage`); `id:` is the event's id (EventSource resumes with Last-Event-ID by itself). Types:
 * conversation.created, conversation.message, conversation.updated, conversation.assigned,
 * conversation.routed, conversation.note_added, member.mentioned, message.queued,
 * message.awaiting_approval, message.approved, message.rejected, message.sent, message.retrying,
 * message.failed, triage.correction, sla.warning, sla.breached, … The stream opens with a named
 * `ready` event whose data is {"lastEventId": n}; `: ping` comments come every 15 s.
 */
export const LiveEvent = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  subjectId: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});
export type LiveEvent = Static<typeof LiveEvent>;

export const LiveQuery = Strict({
  lastEventId: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Send what is there after lastEventId and close (for clients that poll, and for tests). */
  once: Type.Optional(Type.Boolean()),
});

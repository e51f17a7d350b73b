/**
 * Conversations: the unit of work agents own. The inbox (queues, filters, search, keyset pages),
 * a conversation with the customer's whole cross-channel timeline, status and its SLA pause,
 * assignment, snooze, priority override, notes with @mentions, tags, triage corrections, canned
 * replies, and replies through the outbox (approval, idempotency, retry) — whose sending steps the
 * worker runs. Every change commits with its timeline row, audit row and domain event
 * (`inWorkspace`), and the event bus is woken after the commit.
 */
export * from './types.ts';
export { CONVERSATION_STATUSES, canTransition, allowedTransitions, statusChange, type ConversationStatus } from './status.ts';
export { inWorkspace, type Work, type WorkDeps, type Who } from './work.ts';
export { listInbox, countInbox, INBOX_COUNT_CAP, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, snippetOf } from './inbox.ts';
export { SEARCH_WINDOW } from './search.ts';
export { getConversationDetail, TIMELINE_LIMIT, type ConversationDetail, type TimelineItem, type TimelineEvent } from './conversation-detail.ts';
export { updateConversation, type ConversationPatch } from './update-conversation.ts';
export { addNote } from './notes.ts';
export { findMentionedMembers } from './note-mentions.ts';
export { setConversationTags, listTags, normalizeTagNames } from './tags.ts';
export { setMentionNeedsResponse, type FeedbackResult } from './triage-feedback.ts';
export {
  listCannedReplies, createCannedReply, updateCannedReply, deleteCannedReply, BUILT_IN_VARIABLES, type CannedReplyView,
} from './canned-replies.ts';
export { createReply, retryMessage, prepareReply, type ReplyInput, type ReplyResult, type PreparedReply } from './replies.ts';
export { previewReply, type ReplyPreview } from './reply-preview.ts';
export { listApprovals, approveReply, rejectReply, type ApprovalItem } from './approvals.ts';
export {
  moveToPrivate, privatePathOptions, PRIVATE_PATHS, DEFAULT_MOVE_PRIVATE_TEMPLATE, DEFAULT_PRIVATE_OPENING,
  type PrivatePath, type PrivatePathOption, type MoveToPrivateInput, type MoveToPrivateResult,
} from './move-private.ts';
export { renderTemplate, signWithPersona, checkLength, textLength, templateVariables } from './reply-text.ts';
export { getMessageView, type MessageView, type OutboxState } from './message-view.ts';
export type { ConnectorLookup } from './reply-channel.ts';
export {
  claimDueMessages, failLostSends, loadSendJob, recordSent, recordFailure, backoffMs,
  OUTBOX_MAX_ATTEMPTS, SEND_LEASE_MS, DRILL_REFUSAL, UNKNOWN_OUTCOME, type Claimed, type SendJob,
  deferSend, sendRateOf, DEFAULT_SENDS_PER_MINUTE,
} from './outbox.ts';
export { eventsAfter, latestEventId, FEED_PAGE, type FeedPage } from './event-feed.ts';
export { listFeedback, listMemberNotifications } from './feedback-and-notifications.ts';

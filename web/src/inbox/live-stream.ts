import { useLiveRefresh } from '../live/use-live-refresh.ts';
import { CONVERSATIONS_KEY } from './api.ts';

/** Event types of GET /api/events/stream that change what the inbox or a conversation shows. */
const TYPES = [
  'conversation.created', 'conversation.message', 'conversation.updated', 'conversation.assigned', 'conversation.routed',
  'conversation.note_added', 'conversation.status_changed', 'message.queued', 'message.awaiting_approval', 'message.approved',
  'message.rejected', 'message.sent', 'message.retrying', 'message.failed', 'triage.correction',
];

/**
 * Keeps the inbox and conversation screens live while mounted; while the stream is down the
 * connection banner shows, and on reopening everything refetches.
 */
export const useLiveConversations = (): void => useLiveRefresh({ types: TYPES, match: /^(conversation|message|triage)\./, queryKey: CONVERSATIONS_KEY });

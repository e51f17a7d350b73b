import type { ConversationStatus } from './status.ts';

/** Shapes the conversations module returns; the HTTP contracts in src/contracts/conversations.ts mirror them. */

export const INBOX_QUEUES = ['needs_response', 'mine', 'my_team', 'unassigned', 'waiting', 'dismissed', 'all'] as const;
export type InboxQueue = (typeof INBOX_QUEUES)[number];

export interface InboxFilters {
  queue?: InboxQueue;
  status?: ConversationStatus;
  channelId?: string;
  channelKind?: string;
  sentiment?: string;
  intent?: string;
  tag?: string;
  minPriority?: number;
  maxPriority?: number;
  minInfluence?: number;
  language?: string;
  slaAtRisk?: boolean;
  isDrill?: boolean;
  assigneeId?: string;
  teamId?: string;
  q?: string;
  sort?: 'priority' | 'recent';
  cursor?: string;
  limit?: number;
}

export interface Ref {
  id: string;
  name: string;
}

export interface ChannelRef {
  id: string;
  kind: string;
  name: string;
}

export interface TagRef {
  id: string;
  name: string;
  color: string | null;
}

export interface SlaView {
  firstResponseDueAt: Date | null;
  reliefDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseAt: Date | null;
  relievedAt: Date | null;
  resolvedAt: Date | null;
  pausedAt: Date | null;
  pausedSeconds: number;
  /** The next deadline still running, when it is within 30 minutes or past. */
  atRisk: boolean;
  breached: boolean;
}

export interface AuthorView {
  identityId: string | null;
  handle: string;
  displayName: string | null;
  followers: number | null;
  verified: boolean;
}

export interface InboxRow {
  id: string;
  status: ConversationStatus;
  priority: number;
  needsResponse: boolean;
  reasons: string[];
  sentiment: string | null;
  intent: string | null;
  language: string | null;
  channel: ChannelRef | null;
  customer: { id: string; name: string | null } | null;
  author: AuthorView | null;
  /** The latest inbound mention: its snippet is shown, and "this needed a response" targets it. */
  latestMentionId: string | null;
  snippet: string;
  tags: TagRef[];
  assignee: Ref | null;
  team: Ref | null;
  sla: SlaView;
  snoozedUntil: Date | null;
  lastMessageAt: Date;
  isDrill: boolean;
}

export interface InboxPage {
  items: InboxRow[];
  nextCursor: string | null;
}

export interface InboxCounts {
  counts: Record<'needs_response' | 'mine' | 'my_team' | 'unassigned' | 'waiting', number>;
  /** Counting stopped here: a count equal to it means "at least". */
  cap: number;
}

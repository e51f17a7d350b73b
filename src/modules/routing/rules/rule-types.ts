/**
 * The shapes of routing rules: plain JSON, stored as JSONB and edited in the console's rule
 * builder. Two layers, as in the Social CRM framework:
 * - channel rules say how to approach a channel (its business hours, auto-acknowledgement,
 *   approval before a public reply);
 * - data rules say what to do with what was heard: when conditions hold, then actions.
 */
import type { TokenizedText } from '../../listening/index.ts';
import type { BusinessCalendar, InstantInput } from '../sla/index.ts';

/** One test on a mention fact. Which `op`s and `value`s a field takes: see fields.ts. */
export interface Condition {
  field: string;
  op: string;
  value?: unknown;
  /** Label fields with a confidence (sentiment, intent, complaint, needsResponse): minimum score. */
  minScore?: number;
  /** timeOfDay / dayOfWeek: IANA zone to read the time in (default: the workspace's). */
  timeZone?: string;
  /** Text conditions: match case exactly (default: case-insensitive). */
  caseSensitive?: boolean;
}

/** Conditions combined: every one (`all`), at least one (`any`), or none of them (`none`). */
export type ConditionGroup = { all: ConditionNode[] } | { any: ConditionNode[] } | { none: ConditionNode[] };
export type ConditionNode = Condition | ConditionGroup;

export type RuleAction =
  | { type: 'assign_team'; teamId: string }
  | { type: 'assign_agent'; agentId: string }
  /** Sets the priority (0–100). */
  | { type: 'set_priority'; value: number }
  /** Adds to (or, negative, subtracts from) the priority, clamped to 0–100. */
  | { type: 'change_priority'; by: number }
  | { type: 'add_tag'; tag: string }
  | { type: 'send_to_feedback' }
  | { type: 'notify'; memberIds?: string[]; teamIds?: string[]; message?: string }
  | { type: 'auto_acknowledge'; cannedReplyId: string }
  /** Later rules are not evaluated. */
  | { type: 'stop_processing' };

export type RuleActionType = RuleAction['type'];

/** "When … then …". Rules run in list order (the caller stores the position). */
export interface DataRule {
  id: string;
  name: string;
  description?: string;
  /** Disabled rules are kept but skipped (default: enabled). */
  enabled?: boolean;
  when: ConditionGroup;
  then: RuleAction[];
}

/** How to approach a channel. Settings come from the first matching rule that sets them. */
export interface ChannelRule {
  id: string;
  name: string;
  enabled?: boolean;
  /** Which channels it covers; an empty or absent list covers all. */
  appliesTo?: { channelIds?: string[]; channelKinds?: string[]; visibility?: 'public' | 'private' };
  /** The business-hours calendar of these channels; null = around the clock. */
  calendarId?: string | null;
  /** Acknowledge new conversations with a canned reply: always, or only when closed. */
  autoAcknowledge?: { cannedReplyId: string; when: 'always' | 'outside_business_hours' } | null;
  /** A public reply needs a supervisor's approval before it is sent. */
  requireApprovalForPublicReply?: boolean;
}

/** What rules can test about a mention (and its author, customer and conversation). */
export interface MentionFacts {
  channelId?: string | null;
  channelKind?: string | null;
  visibility?: 'public' | 'private' | null;
  /** Listening queries that matched (from the listening module). */
  listeningQueryIds?: readonly string[] | null;
  text?: string | null;
  language?: string | null;
  sentiment?: 'negative' | 'neutral' | 'positive' | null;
  sentimentScore?: number | null;
  intent?: string | null;
  intentScore?: number | null;
  complaint?: boolean | null;
  complaintScore?: number | null;
  needsResponse?: boolean | null;
  needsResponseScore?: number | null;
  /** 0–100, from triage. */
  priority?: number | null;
  followers?: number | null;
  verified?: boolean | null;
  influence?: number | null;
  customerTier?: string | null;
  isVip?: boolean | null;
  isDrill?: boolean | null;
  tags?: readonly string[] | null;
  /** When the mention arrived: time-of-day and day-of-week conditions read it (so replays agree). */
  receivedAt?: InstantInput | null;
  /** Whether the channel's business hours are open; computed from the context's calendar if absent. */
  isBusinessHours?: boolean | null;
}

/** Rule evaluation context. */
export interface RuleContext {
  /** Zone for time conditions that do not name one (the workspace's); default UTC. */
  timeZone?: string;
  /** The channel's calendar, for `businessHours` when the facts do not say (null = 24×7). */
  calendar?: BusinessCalendar | null;
  /** The text already tokenised for listening queries (`tokenizeText(facts.text)`), to reuse. */
  textTokens?: TokenizedText;
}

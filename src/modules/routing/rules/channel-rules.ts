/**
 * Channel rules: how to approach a channel. Each setting (calendar, auto-acknowledgement,
 * approval before public replies) comes from the first enabled rule, in order, that covers the
 * channel and sets it, so a rule for one mailbox can sit above a rule for all email and a
 * catch-all below them fills in the rest.
 */
import { isWithinBusinessHours, tryEpochMs, type BusinessCalendar } from '../sla/index.ts';
import type { ChannelRule, MentionFacts } from './rule-types.ts';

/** Finds a calendar by id (a map, a record or a function). */
export type CalendarLookup =
  | ReadonlyMap<string, BusinessCalendar>
  | Readonly<Record<string, BusinessCalendar>>
  | ((id: string) => BusinessCalendar | null | undefined);

export interface ChannelPolicy {
  /** The channel's calendar id; null = around the clock. */
  calendarId: string | null;
  /** The calendar itself (null = around the clock, or the id was not found). */
  calendar: BusinessCalendar | null;
  /** Whether the calendar was open when the mention arrived; null without a readable `receivedAt`. */
  isBusinessHours: boolean | null;
  /** The acknowledgement to send now (its `when` already checked against the hours). */
  autoAcknowledge: { cannedReplyId: string; ruleId: string } | null;
  requireApprovalForPublicReply: boolean;
  /** Where each setting came from, in words. */
  reasons: string[];
}

const lookup = (calendars: CalendarLookup | undefined, id: string): BusinessCalendar | null => {
  if (!calendars) return null;
  if (typeof calendars === 'function') return calendars(id) ?? null;
  if (calendars instanceof Map) return calendars.get(id) ?? null;
  return (calendars as Record<string, BusinessCalendar>)[id] ?? null;
};

const covers = (rule: ChannelRule, facts: MentionFacts): boolean => {
  if (rule.enabled === false) return false;
  const to = rule.appliesTo;
  if (!to) return true;
  if (to.channelIds?.length && !(facts.channelId && to.channelIds.includes(facts.channelId))) return false;
  if (to.channelKinds?.length && !(facts.channelKind && to.channelKinds.includes(facts.channelKind))) return false;
  if (to.visibility && facts.visibility !== to.visibility) return false;
  return true;
};

export const resolveChannelPolicy = (rules: readonly ChannelRule[], facts: MentionFacts, calendars?: CalendarLookup): ChannelPolicy => {
  const matching = rules.filter((r) => covers(r, facts));
  const reasons: string[] = [];
  const calendarRule = matching.find((r) => r.calendarId !== undefined);
  const calendarId = calendarRule?.calendarId ?? null;
  let calendar: BusinessCalendar | null = null;
  if (calendarId) {
    calendar = lookup(calendars, calendarId);
    reasons.push(calendar ? `calendar ${calendarId} (channel rule "${calendarRule?.name}")` : `calendar ${calendarId} not found: counted as always open`);
  }
  const at = tryEpochMs(facts.receivedAt);
  const isBusinessHours = at === null ? null : isWithinBusinessHours(calendar, at);
  if (isBusinessHours !== null) reasons.push(isBusinessHours ? 'within business hours' : 'outside business hours');

  const ackRule = matching.find((r) => r.autoAcknowledge !== undefined);
  const ack = ackRule?.autoAcknowledge ?? null;
  let autoAcknowledge: ChannelPolicy['autoAcknowledge'] = null;
  if (ack && ackRule && (ack.when === 'always' || isBusinessHours === false)) {
    autoAcknowledge = { cannedReplyId: ack.cannedReplyId, ruleId: ackRule.id };
    reasons.push(`auto-acknowledge ${ack.when === 'always' ? 'always' : 'outside business hours'} (channel rule "${ackRule.name}")`);
  }
  const approvalRule = matching.find((r) => r.requireApprovalForPublicReply !== undefined);
  const requireApprovalForPublicReply = approvalRule?.requireApprovalForPublicReply ?? false;
  if (requireApprovalForPublicReply) reasons.push(`public replies need approval (channel rule "${approvalRule?.name}")`);
  return { calendarId, calendar, isBusinessHours, autoAcknowledge, requireApprovalForPublicReply, reasons };
};

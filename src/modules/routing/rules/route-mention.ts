/**
 * Both rule layers in one call: the channel's policy first (its calendar tells data rules whether
 * it is business hours), then the data rules. A data rule's auto-acknowledgement is more specific
 * than the channel's and wins over it.
 */
import type { TokenizedText } from '../../listening/index.ts';
import { resolveChannelPolicy, type CalendarLookup, type ChannelPolicy } from './channel-rules.ts';
import { evaluateRules, type CompiledRuleSet, type RoutingDecision } from './evaluate-rules.ts';
import type { ChannelRule, DataRule, MentionFacts } from './rule-types.ts';

export interface RouteMentionInput {
  channelRules?: readonly ChannelRule[];
  /** Compile once with compileRules for speed; a plain list is validated and compiled per call. */
  dataRules: CompiledRuleSet | readonly DataRule[];
  facts: MentionFacts;
  calendars?: CalendarLookup;
  /** The workspace's zone, for time conditions that do not name one. */
  timeZone?: string;
  /** The mention text already tokenised by the listening stage, to reuse. */
  textTokens?: TokenizedText;
}

export interface RouteMentionResult extends RoutingDecision {
  channel: ChannelPolicy;
}

export const routeMention = (input: RouteMentionInput): RouteMentionResult => {
  const channel = resolveChannelPolicy(input.channelRules ?? [], input.facts, input.calendars);
  const facts: MentionFacts = { ...input.facts, isBusinessHours: input.facts.isBusinessHours ?? channel.isBusinessHours };
  const decision = evaluateRules(input.dataRules, facts, {
    calendar: channel.calendar,
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    ...(input.textTokens ? { textTokens: input.textTokens } : {}),
  });
  return { ...decision, autoAcknowledge: decision.autoAcknowledge ?? channel.autoAcknowledge, channel };
};

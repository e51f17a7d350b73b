/**
 * Routing rules, in two layers: channel rules (how to approach a channel: business hours,
 * auto-acknowledgement, approval before public replies) and data rules (when conditions on the
 * mention hold, then assign, prioritise, tag, notify, acknowledge, send to feedback, stop).
 * Rules are JSON (stored as JSONB, edited in the console's builder), validated when saved
 * (`validateDataRule` throws a VALIDATION_FAILED AppError listing every problem by path),
 * compiled once (`compileRules`) and run per mention (`evaluateRules` / `routeMention`), which
 * say which rules fired and why. `testRule` tries one rule on a past mention.
 */
export type { ChannelRule, Condition, ConditionGroup, ConditionNode, DataRule, MentionFacts, RuleAction, RuleActionType, RuleContext } from './rule-types.ts';
export { ruleFieldCatalog, OPS_BY_KIND, type FieldKind, type RuleFieldInfo } from './fields.ts';
export { MAX_REGEX_TEXT, type ConditionTrace } from './conditions.ts';
export {
  dataRuleProblems,
  MAX_GROUP_DEPTH,
  MAX_REGEX_LENGTH,
  regexProblem,
  validateChannelRule,
  validateDataRule,
  validateDataRules,
} from './validate-rule.ts';
export {
  compileRules,
  evaluateRules,
  testRule,
  type AppliedAction,
  type CompiledRule,
  type CompiledRuleSet,
  type FiredRule,
  type RoutingDecision,
  type RuleTestResult,
} from './evaluate-rules.ts';
export { resolveChannelPolicy, type CalendarLookup, type ChannelPolicy } from './channel-rules.ts';
export { routeMention, type RouteMentionInput, type RouteMentionResult } from './route-mention.ts';
export { ChannelRuleSchema, ConditionGroupSchema, ConditionSchema, DataRuleSchema, RuleActionSchema } from './rule-schema.ts';

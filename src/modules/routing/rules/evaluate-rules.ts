/**
 * Runs data rules over a mention's facts, top to bottom, and returns what to do and why.
 *
 * - Every enabled rule whose conditions hold fires; its actions apply in order.
 * - The first rule to assign a team (or an agent, or an auto-acknowledgement) decides it; later
 *   ones are recorded as ignored, so order rules from specific to general.
 * - Priority changes and tags apply at once: later rules test the updated priority and tags
 *   ("VIP → +20", then "priority ≥ 80 → notify the supervisors").
 * - `stop_processing` ends the run after the rule's other actions.
 * - A condition on a fact that is unknown (null or absent) does not hold, whatever its operator.
 * Each fired rule carries its reasons ("intent = billing (0.91)", "followers 120,000 ≥ 10,000"),
 * which the conversation stores to answer "why did this go to Billing?".
 */
import { compileConditionNode, type CompiledNode, type ConditionTrace } from './conditions.ts';
import type { EvalEnv } from './fields.ts';
import type { DataRule, MentionFacts, RuleAction, RuleContext } from './rule-types.ts';
import { validateDataRule, validateDataRules } from './validate-rule.ts';

export interface FiredRule {
  ruleId: string;
  ruleName: string;
  /** The conditions that made it fire, in words. */
  reasons: string[];
  actions: RuleAction[];
  /** Actions it asked for that an earlier rule had already decided, in words. */
  ignored: string[];
}

export interface AppliedAction {
  ruleId: string;
  action: RuleAction;
}

export interface RoutingDecision {
  teamId: string | null;
  agentId: string | null;
  /** Final priority (0–100); the facts' priority when no rule changed it. */
  priority: number | null;
  /** Tags rules added (not the ones the facts came with). */
  tags: string[];
  sendToFeedback: boolean;
  notify: { memberIds: string[]; teamIds: string[] };
  autoAcknowledge: { cannedReplyId: string; ruleId: string } | null;
  /** Every action that took effect, in order, with the rule it came from. */
  actions: AppliedAction[];
  fired: FiredRule[];
  /** Which rule decided the team / agent (the answer to "why did this go to Billing?"). */
  teamRuleId: string | null;
  agentRuleId: string | null;
  /** The rule whose stop_processing ended the run. */
  stoppedBy: string | null;
}

export interface CompiledRule {
  rule: DataRule;
  when: CompiledNode;
}

/** Rules validated and compiled once (regexes, listening queries), to run on many mentions. */
export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
}

/** Validates (throws AppError listing every problem, paths `/<index>/…`) and compiles rules. */
export const compileRules = (rules: readonly DataRule[]): CompiledRuleSet => {
  validateDataRules(rules);
  return { rules: rules.map((rule) => ({ rule, when: compileConditionNode(rule.when, '/when') })) };
};

const clamp = (n: number) => Math.min(100, Math.max(0, n));

/** Records an action an earlier rule pre-empted; returns false (not applied). */
const ignore = (fired: FiredRule, what: string, byRule: string | null): boolean => {
  fired.ignored.push(`${what}: already decided by rule ${byRule}`);
  return false;
};

const addUnique = (list: string[], ids: readonly string[] | undefined) => {
  for (const id of ids ?? []) if (!list.includes(id)) list.push(id);
};

const newEnv = (facts: MentionFacts, ctx: RuleContext): EvalEnv => ({
  facts,
  ctx,
  priority: typeof facts.priority === 'number' ? facts.priority : null,
  tags: new Set(facts.tags ?? []),
  ...(ctx.textTokens ? { tokens: ctx.textTokens } : {}),
});

const compiledByArray = new WeakMap<readonly DataRule[], CompiledRuleSet>();

const compiledFor = (ruleSet: CompiledRuleSet | readonly DataRule[]): CompiledRuleSet => {
  if (!Array.isArray(ruleSet)) return ruleSet as CompiledRuleSet;
  const list = ruleSet as readonly DataRule[];
  let compiled = compiledByArray.get(list);
  if (!compiled) compiledByArray.set(list, (compiled = compileRules(list)));
  return compiled;
};

/**
 * Runs the rules (a CompiledRuleSet, or a plain list: validated and compiled on first use and
 * kept for that same array) over one mention's facts.
 */
export const evaluateRules = (ruleSet: CompiledRuleSet | readonly DataRule[], facts: MentionFacts, ctx: RuleContext = {}): RoutingDecision => {
  const compiled = compiledFor(ruleSet);
  const env = newEnv(facts, ctx);
  const d: RoutingDecision = {
    teamId: null,
    agentId: null,
    priority: env.priority,
    tags: [],
    sendToFeedback: false,
    notify: { memberIds: [], teamIds: [] },
    autoAcknowledge: null,
    actions: [],
    fired: [],
    teamRuleId: null,
    agentRuleId: null,
    stoppedBy: null,
  };
  for (const { rule, when } of compiled.rules) {
    if (rule.enabled === false || !when.test(env)) continue;
    const fired: FiredRule = { ruleId: rule.id, ruleName: rule.name, reasons: when.reasons(env), actions: rule.then, ignored: [] };
    d.fired.push(fired);
    let stop = false;
    for (const action of rule.then) {
      let applied = true;
      switch (action.type) {
        case 'assign_team':
          if (d.teamId !== null) applied = ignore(fired, `assign team ${action.teamId}`, d.teamRuleId);
          else {
            d.teamId = action.teamId;
            d.teamRuleId = rule.id;
          }
          break;
        case 'assign_agent':
          if (d.agentId !== null) applied = ignore(fired, `assign agent ${action.agentId}`, d.agentRuleId);
          else {
            d.agentId = action.agentId;
            d.agentRuleId = rule.id;
          }
          break;
        case 'auto_acknowledge':
          if (d.autoAcknowledge !== null) applied = ignore(fired, `auto-acknowledge with ${action.cannedReplyId}`, d.autoAcknowledge.ruleId);
          else d.autoAcknowledge = { cannedReplyId: action.cannedReplyId, ruleId: rule.id };
          break;
        case 'set_priority':
          env.priority = clamp(action.value);
          break;
        case 'change_priority':
          env.priority = clamp((env.priority ?? 0) + action.by);
          break;
        case 'add_tag':
          env.tags.add(action.tag);
          if (!d.tags.includes(action.tag)) d.tags.push(action.tag);
          break;
        case 'send_to_feedback':
          d.sendToFeedback = true;
          break;
        case 'notify':
          addUnique(d.notify.memberIds, action.memberIds);
          addUnique(d.notify.teamIds, action.teamIds);
          break;
        case 'stop_processing':
          stop = true;
          break;
      }
      if (applied) d.actions.push({ ruleId: rule.id, action });
    }
    d.priority = env.priority;
    if (stop) {
      d.stoppedBy = rule.id;
      break;
    }
  }
  return d;
};

export interface RuleTestResult {
  matched: boolean;
  /** Why it fired (empty when it did not). */
  reasons: string[];
  /** Every condition with what it saw, matched or not: for the console's "test this rule". */
  trace: ConditionTrace;
  /** What it would do (its actions when it fires, else none). */
  actions: RuleAction[];
  enabled: boolean;
}

/**
 * Tests one rule against a past mention's facts (validating it first: throws AppError with
 * every problem). A disabled rule is still tested; `enabled` says it would not run.
 */
export const testRule = (rule: DataRule, facts: MentionFacts, ctx: RuleContext = {}): RuleTestResult => {
  validateDataRule(rule);
  const when = compileConditionNode(rule.when, '/when');
  const env = newEnv(facts, ctx);
  const matched = when.test(env);
  return { matched, reasons: matched ? when.reasons(env) : [], trace: when.trace(env), actions: matched ? rule.then : [], enabled: rule.enabled !== false };
};

/**
 * Rules are checked when saved, so a rule that could not be evaluated never reaches the
 * pipeline: unknown fields, operators a field does not take, values of the wrong type, bad or
 * dangerous regular expressions, listening queries that do not parse, unknown actions.
 * Every problem is listed with its JSON path (`/when/all/2/value`).
 */
import { AppError, type FieldProblem } from '../../../platform/errors/index.ts';
import { parseQuery, QuerySyntaxError } from '../../listening/index.ts';
import { isValidTimeZone, parseMinuteOfDay, WEEKDAYS } from '../sla/index.ts';
import { OPS_BY_KIND, RULE_FIELDS } from './fields.ts';
import type { ChannelRule, DataRule, RuleActionType } from './rule-types.ts';

export const MAX_REGEX_LENGTH = 500;
export const MAX_GROUP_DEPTH = 10;

type Add = (path: string, message: string) => void;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isNonEmptyString);
const describe = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 60) ?? String(v));

const checkKeys = (o: Obj, allowed: readonly string[], path: string, add: Add) => {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) add(`${path}/${key}`, `unknown property; expected one of ${allowed.join(', ')}`);
};

/**
 * Why a regular expression may not be used, or null. Besides syntax, refuses quantified groups
 * that contain quantifiers (`(a+)+`, `(\w*\s?)*`): the classic catastrophic-backtracking shape,
 * which would let one mention stall the pipeline.
 */
export const regexProblem = (pattern: string): string | null => {
  if (pattern.length > MAX_REGEX_LENGTH) return `the regular expression is longer than ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(pattern, 'iu');
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
  const stack: boolean[] = [false]; // per open group: does it contain a quantifier?
  const unbounded = (i: number) => pattern[i] === '*' || pattern[i] === '+' || (pattern[i] === '{' && /^\{\d+,\d*\}/.test(pattern.slice(i)));
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (ch === '(') stack.push(false);
    else if (ch === ')') {
      const inner = stack.pop() ?? false;
      if (inner && unbounded(i + 1)) return 'nested quantifiers such as (a+)+ can take exponential time; simplify the expression';
      stack[stack.length - 1] ||= inner;
    } else if (unbounded(i)) stack[stack.length - 1] = true;
  }
  return null;
};

const checkConditionValue = (c: Obj, kind: string, op: string, path: string, add: Add, values?: readonly string[], range?: readonly [number, number]) => {
  const v = c.value;
  const at = `${path}/value`;
  const inRange = (n: number) => !range || (n >= range[0] && n <= range[1]);
  const rangeText = range ? ` from ${range[0]} to ${range[1]}` : '';
  const known = (s: string) => !values || values.includes(s);
  switch (kind) {
    case 'string':
      if (op === 'eq' || op === 'neq') {
        if (!isNonEmptyString(v)) add(at, `expected a text value, got ${describe(v)}`);
        else if (!known(v)) add(at, `unknown value ${describe(v)}; expected one of ${values?.join(', ')}`);
      } else if (!isStringList(v)) add(at, `expected a non-empty list of text values, got ${describe(v)}`);
      else v.forEach((s, i) => known(s) || add(`${at}/${i}`, `unknown value ${describe(s)}; expected one of ${values?.join(', ')}`));
      return;
    case 'number':
      if (op === 'between') {
        if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => typeof n === 'number' && Number.isFinite(n))) add(at, `expected [min, max], got ${describe(v)}`);
        else if ((v[0] as number) > (v[1] as number)) add(at, 'min must not be greater than max');
        else if (!v.every(inRange)) add(at, `expected numbers${rangeText}`);
      } else if (typeof v !== 'number' || !Number.isFinite(v)) add(at, `expected a number, got ${describe(v)}`);
      else if (!inRange(v)) add(at, `expected a number${rangeText}`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') add(at, `expected true or false, got ${describe(v)}`);
      return;
    case 'list':
      if (!isStringList(v)) add(at, `expected a non-empty list of ids, got ${describe(v)}`);
      return;
    case 'text':
      if (op === 'contains' || op === 'not_contains') {
        if (!isNonEmptyString(v) && !isStringList(v)) add(at, `expected a text or a list of texts, got ${describe(v)}`);
      } else if (!isNonEmptyString(v)) add(at, `expected a ${op === 'matches_regex' ? 'regular expression' : 'listening query'}, got ${describe(v)}`);
      else if (op === 'matches_regex') {
        const problem = regexProblem(v);
        if (problem) add(at, problem);
      } else {
        try {
          parseQuery(v, { path: at });
        } catch (e) {
          if (!(e instanceof QuerySyntaxError)) throw e;
          for (const f of e.fields) add(f.path, f.message);
        }
      }
      return;
    case 'time': {
      const t = isObj(v) ? v : {};
      const from = parseMinuteOfDay(t.from);
      const to = parseMinuteOfDay(t.to);
      if (!isObj(v)) add(at, `expected {from: "HH:MM", to: "HH:MM"}, got ${describe(v)}`);
      else if (from === null || from === 1440) add(`${at}/from`, 'expected a time HH:MM');
      else if (to === null) add(`${at}/to`, 'expected a time HH:MM');
      else if (from === to) add(at, 'from and to are the same time; use 00:00–24:00 for the whole day');
      return;
    }
    case 'weekday':
      if (!isStringList(v)) add(at, `expected a list of days (${WEEKDAYS.join(', ')}), got ${describe(v)}`);
      else v.forEach((d, i) => (WEEKDAYS as readonly string[]).includes(d) || add(`${at}/${i}`, `unknown day ${describe(d)}; expected one of ${WEEKDAYS.join(', ')}`));
      return;
  }
};

const checkCondition = (c: Obj, path: string, add: Add) => {
  checkKeys(c, ['field', 'op', 'value', 'minScore', 'timeZone', 'caseSensitive'], path, add);
  const def = typeof c.field === 'string' ? RULE_FIELDS.get(c.field) : undefined;
  if (!def) {
    add(`${path}/field`, `unknown field ${describe(c.field)}; expected one of ${[...RULE_FIELDS.keys()].join(', ')}`);
    return;
  }
  const ops = OPS_BY_KIND[def.kind];
  if (typeof c.op !== 'string' || !ops.includes(c.op)) {
    add(`${path}/op`, `operator ${describe(c.op)} does not apply to ${def.name}; expected one of ${ops.join(', ')}`);
    return;
  }
  checkConditionValue(c, def.kind, c.op, path, add, def.values, def.range);
  if (c.minScore !== undefined) {
    if (!def.score) add(`${path}/minScore`, `${def.name} has no confidence score`);
    else if (!['eq', 'in', 'is'].includes(c.op) || (c.op === 'is' && c.value !== true)) add(`${path}/minScore`, 'minScore only applies to eq, in, or is true');
    else if (typeof c.minScore !== 'number' || c.minScore < 0 || c.minScore > 1) add(`${path}/minScore`, 'expected a number from 0 to 1');
  }
  if (c.timeZone !== undefined) {
    if (def.kind !== 'time' && def.kind !== 'weekday') add(`${path}/timeZone`, 'only timeOfDay and dayOfWeek take a time zone');
    else if (!isValidTimeZone(c.timeZone)) add(`${path}/timeZone`, `unknown time zone ${describe(c.timeZone)}; use an IANA name such as Europe/Paris`);
  }
  if (c.caseSensitive !== undefined && (def.kind !== 'text' || typeof c.caseSensitive !== 'boolean' || c.op === 'matches_query')) {
    add(`${path}/caseSensitive`, 'only contains, not_contains and matches_regex take caseSensitive (true or false)');
  }
};

const checkNode = (node: unknown, path: string, add: Add, depth: number) => {
  if (!isObj(node)) {
    add(path, 'expected a condition {field, op, value} or a group {all | any | none: [...]}');
    return;
  }
  const kinds = ['all', 'any', 'none'].filter((k) => k in node);
  if (kinds.length === 0) {
    if ('field' in node) checkCondition(node, path, add);
    else add(path, 'expected a condition {field, op, value} or a group {all | any | none: [...]}');
    return;
  }
  if (kinds.length > 1 || Object.keys(node).length > 1) {
    add(path, 'a group has exactly one of all, any or none, and nothing else');
    return;
  }
  const kind = kinds[0] as string;
  const items = node[kind];
  if (!Array.isArray(items)) {
    add(`${path}/${kind}`, 'expected a list of conditions');
    return;
  }
  if (depth >= MAX_GROUP_DEPTH) {
    add(path, `groups are nested more than ${MAX_GROUP_DEPTH} deep`);
    return;
  }
  if (kind === 'any' && items.length === 0) add(`${path}/any`, 'an empty "any" group never matches');
  items.forEach((item, i) => checkNode(item, `${path}/${kind}/${i}`, add, depth + 1));
};

const ACTION_SHAPES: Record<RuleActionType, readonly string[]> = {
  assign_team: ['teamId'],
  assign_agent: ['agentId'],
  set_priority: ['value'],
  change_priority: ['by'],
  add_tag: ['tag'],
  send_to_feedback: [],
  notify: ['memberIds', 'teamIds', 'message'],
  auto_acknowledge: ['cannedReplyId'],
  stop_processing: [],
};

const checkAction = (a: unknown, path: string, add: Add) => {
  if (!isObj(a)) return add(path, 'expected an action {type, …}');
  const shape = ACTION_SHAPES[a.type as RuleActionType];
  if (!shape) return add(`${path}/type`, `unknown action ${describe(a.type)}; expected one of ${Object.keys(ACTION_SHAPES).join(', ')}`);
  checkKeys(a, ['type', ...shape], path, add);
  const ids = (key: string) => a[key] !== undefined && !isStringList(a[key]) && add(`${path}/${key}`, 'expected a non-empty list of ids');
  switch (a.type) {
    case 'assign_team':
    case 'assign_agent':
    case 'auto_acknowledge': {
      const key = shape[0] as string;
      if (!isNonEmptyString(a[key])) add(`${path}/${key}`, 'expected an id');
      break;
    }
    case 'set_priority':
      if (typeof a.value !== 'number' || !Number.isInteger(a.value) || a.value < 0 || a.value > 100) add(`${path}/value`, 'expected a whole number from 0 to 100');
      break;
    case 'change_priority':
      if (typeof a.by !== 'number' || !Number.isInteger(a.by) || a.by === 0 || a.by < -100 || a.by > 100) add(`${path}/by`, 'expected a whole number from -100 to 100, not 0');
      break;
    case 'add_tag':
      if (!isNonEmptyString(a.tag) || a.tag.length > 64) add(`${path}/tag`, 'expected a tag of 1 to 64 characters');
      break;
    case 'notify':
      ids('memberIds');
      ids('teamIds');
      if (a.memberIds === undefined && a.teamIds === undefined) add(path, 'notify needs memberIds and/or teamIds');
      if (a.message !== undefined && typeof a.message !== 'string') add(`${path}/message`, 'expected a text');
      break;
  }
};

/** Every problem of a data rule (empty when it is valid). */
export const dataRuleProblems = (input: unknown, basePath = ''): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  const add: Add = (path, message) => problems.push({ path: `${basePath}${path}`, message });
  if (!isObj(input)) return [{ path: basePath || '/', message: 'expected a rule {id, name, when, then}' }];
  checkKeys(input, ['id', 'name', 'description', 'enabled', 'when', 'then'], '', add);
  if (!isNonEmptyString(input.id)) add('/id', 'expected an id');
  if (!isNonEmptyString(input.name)) add('/name', 'expected a name');
  if (input.description !== undefined && typeof input.description !== 'string') add('/description', 'expected a text');
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') add('/enabled', 'expected true or false');
  if (!isObj(input.when) || !['all', 'any', 'none'].some((k) => k in (input.when as Obj))) add('/when', 'expected a group {all | any | none: [...]}');
  else checkNode(input.when, '/when', add, 0);
  if (!Array.isArray(input.then) || input.then.length === 0) add('/then', 'expected a non-empty list of actions');
  else input.then.forEach((a, i) => checkAction(a, `/then/${i}`, add));
  return problems;
};

const fail = (what: string, problems: FieldProblem[]): never => {
  throw new AppError('VALIDATION_FAILED', `${what} is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
};

/** Checks a data rule before it is saved; throws a VALIDATION_FAILED AppError listing every problem. */
export const validateDataRule = (input: unknown, basePath = ''): DataRule => {
  const problems = dataRuleProblems(input, basePath);
  return problems.length ? fail('Rule', problems) : (input as DataRule);
};

/** Checks an ordered list of data rules (paths `/0/when/...`), including duplicate ids. */
export const validateDataRules = (input: unknown, basePath = ''): DataRule[] => {
  if (!Array.isArray(input)) return fail('Rule list', [{ path: basePath || '/', message: 'expected a list of rules' }]);
  const problems = input.flatMap((r, i) => dataRuleProblems(r, `${basePath}/${i}`));
  const seen = new Set<unknown>();
  input.forEach((r, i) => {
    const id = isObj(r) ? r.id : undefined;
    if (id !== undefined && seen.has(id)) problems.push({ path: `${basePath}/${i}/id`, message: `duplicate rule id ${describe(id)}` });
    seen.add(id);
  });
  return problems.length ? fail('Rule list', problems) : (input as DataRule[]);
};

/** Checks a channel rule before it is saved. */
export const validateChannelRule = (input: unknown, basePath = ''): ChannelRule => {
  const problems: FieldProblem[] = [];
  const add: Add = (path, message) => problems.push({ path: `${basePath}${path}`, message });
  if (!isObj(input)) return fail('Channel rule', [{ path: basePath || '/', message: 'expected a channel rule {id, name, …}' }]);
  checkKeys(input, ['id', 'name', 'enabled', 'appliesTo', 'calendarId', 'autoAcknowledge', 'requireApprovalForPublicReply'], '', add);
  if (!isNonEmptyString(input.id)) add('/id', 'expected an id');
  if (!isNonEmptyString(input.name)) add('/name', 'expected a name');
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') add('/enabled', 'expected true or false');
  if (input.appliesTo !== undefined) {
    if (!isObj(input.appliesTo)) add('/appliesTo', 'expected {channelIds?, channelKinds?, visibility?}');
    else {
      const to = input.appliesTo;
      checkKeys(to, ['channelIds', 'channelKinds', 'visibility'], '/appliesTo', add);
      for (const key of ['channelIds', 'channelKinds']) if (to[key] !== undefined && !(Array.isArray(to[key]) && (to[key] as unknown[]).every(isNonEmptyString))) add(`/appliesTo/${key}`, 'expected a list of strings');
      if (to.visibility !== undefined && to.visibility !== 'public' && to.visibility !== 'private') add('/appliesTo/visibility', 'expected public or private');
    }
  }
  if (input.calendarId !== undefined && input.calendarId !== null && !isNonEmptyString(input.calendarId)) add('/calendarId', 'expected a calendar id or null');
  const ack = input.autoAcknowledge;
  if (ack !== undefined && ack !== null) {
    if (!isObj(ack)) add('/autoAcknowledge', 'expected {cannedReplyId, when} or null');
    else {
      checkKeys(ack, ['cannedReplyId', 'when'], '/autoAcknowledge', add);
      if (!isNonEmptyString(ack.cannedReplyId)) add('/autoAcknowledge/cannedReplyId', 'expected an id');
      if (ack.when !== 'always' && ack.when !== 'outside_business_hours') add('/autoAcknowledge/when', 'expected always or outside_business_hours');
    }
  }
  if (input.requireApprovalForPublicReply !== undefined && typeof input.requireApprovalForPublicReply !== 'boolean') add('/requireApprovalForPublicReply', 'expected true or false');
  return problems.length ? fail('Channel rule', problems) : (input as unknown as ChannelRule);
};

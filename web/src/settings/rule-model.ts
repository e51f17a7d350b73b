/**
 * The rule builder's model: the same JSON the server stores ({when: {all|any|none: [...]}, then: [...]}),
 * plus what the builder needs to edit it (a fresh value when the field or operator changes, and
 * a check before sending that mirrors the server's).
 */
import type { RuleField } from './settings-api.ts';

export interface Condition {
  field: string;
  op: string;
  value?: unknown;
}
export type GroupMode = 'all' | 'any' | 'none';
export type Group = { [K in GroupMode]?: Node[] };
export type Node = Condition | Group;
export type Action = { type: string } & Record<string, unknown>;
export interface RuleDefinition extends Record<string, unknown> {
  when: Group;
  then: Action[];
}

export const isGroup = (n: Node): n is Group => !('field' in n);
export const modeOf = (g: Group): GroupMode => (g.any ? 'any' : g.none ? 'none' : 'all');
export const nodesOf = (g: Group): Node[] => g[modeOf(g)] ?? [];
export const withNodes = (g: Group, nodes: Node[]): Group => ({ [modeOf(g)]: nodes });
export const withMode = (g: Group, mode: GroupMode): Group => ({ [mode]: nodesOf(g) });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const OP_LABELS: Record<string, string> = {
  eq: 'is', neq: 'is not', in: 'is one of', not_in: 'is none of', gt: '>', gte: '≥', lt: '<', lte: '≤', between: 'between', is: 'is',
  has_any: 'has any of', has_all: 'has all of', has_none: 'has none of', contains: 'contains', not_contains: 'does not contain',
  matches_regex: 'matches regex', matches_query: 'matches query', not_between: 'not between',
};

export const ACTION_LABELS: Record<string, string> = {
  assign_team: 'Assign to team',
  assign_agent: 'Assign to agent',
  set_priority: 'Set priority',
  change_priority: 'Raise or lower priority',
  add_tag: 'Add tag',
  notify: 'Notify members',
  auto_acknowledge: 'Acknowledge with a canned reply',
  send_to_feedback: 'Send to product feedback',
  stop_processing: 'Stop (skip later rules)',
};

/** A value that fits the field and operator, so switching either never leaves a wrong-typed value. */
export const defaultValue = (field: RuleField | undefined, op: string): unknown => {
  if (!field) return '';
  switch (field.kind) {
    case 'number':
      return op === 'between' ? [field.range?.[0] ?? 0, field.range?.[1] ?? 100] : (field.range?.[0] ?? 0);
    case 'boolean':
      return true;
    case 'list':
    case 'weekday':
      return [];
    case 'time':
      return { from: '09:00', to: '17:00' };
    case 'string':
      return op === 'in' || op === 'not_in' ? [] : (field.values?.[0] ?? '');
    default:
      return '';
  }
};

export const newCondition = (fields: RuleField[]): Condition => {
  const f = fields.find((x) => x.name === 'text') ?? fields[0];
  const op = f?.ops[0] ?? 'contains';
  return { field: f?.name ?? 'text', op, value: defaultValue(f, op) };
};

export const newAction = (type: string): Action => {
  switch (type) {
    case 'set_priority':
      return { type, value: 80 };
    case 'change_priority':
      return { type, by: 10 };
    case 'assign_team':
      return { type, teamId: '' };
    case 'assign_agent':
      return { type, agentId: '' };
    case 'add_tag':
      return { type, tag: '' };
    case 'notify':
      return { type, memberIds: [] };
    case 'auto_acknowledge':
      return { type, cannedReplyId: '' };
    default:
      return { type };
  }
};

const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Problems keyed by path ('when/all/0/value', 'then/1/teamId'), the way the server reports them. */
export const checkDefinition = (def: RuleDefinition): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (g: Group, path: string) => {
    const mode = modeOf(g);
    const nodes = nodesOf(g);
    if (nodes.length === 0) out[`${path}/${mode}`] = 'Add at least one condition';
    nodes.forEach((n, i) => {
      const at = `${path}/${mode}/${i}`;
      if (isGroup(n)) return walk(n, at);
      const v = n.value;
      if (Array.isArray(v) && v.length === 2 && n.op === 'between' && typeof v[0] === 'number' && typeof v[1] === 'number' && v[0] > v[1]) out[`${at}/value`] = 'The first number must not be greater than the second';
      else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const t = v as { from?: string; to?: string };
        if (!HHMM.test(t.from ?? '') || !HHMM.test(t.to ?? '')) out[`${at}/value`] = 'Times are HH:MM, e.g. 09:00';
      } else if (empty(v)) out[`${at}/value`] = 'Give a value';
    });
  };
  walk(def.when, 'when');
  if (def.then.length === 0) out.then = 'Add at least one action';
  def.then.forEach((a, i) => {
    for (const key of ['teamId', 'agentId', 'tag', 'cannedReplyId', 'memberIds'] as const) if (key in a && empty(a[key])) out[`then/${i}/${key}`] = 'Pick one';
  });
  return out;
};

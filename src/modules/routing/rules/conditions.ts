/**
 * Compiles validated conditions into tests, each able to say in words what it saw: a leaf's
 * statement reads true whether or not it matched ("followers 120,000 ≥ 10,000",
 * "followers 5,000, not ≥ 10,000"), so a fired rule lists why it fired and a rule test lists why
 * it did not. Statements are only built when asked for (most rules do not fire).
 */
import { compileQuery, foldText, formatQuery, parseQuery, tokenizeText } from '../../listening/index.ts';
import { formatMinuteOfDay, parseMinuteOfDay, WEEKDAYS, zonedParts } from '../sla/index.ts';
import { RULE_FIELDS, type EvalEnv, type FieldDef } from './fields.ts';
import type { Condition, ConditionNode } from './rule-types.ts';

/** Regexes run on at most this much text, as a bound on their cost. */
export const MAX_REGEX_TEXT = 20_000;

export interface ConditionTrace {
  /** JSON path of the node inside the rule, e.g. `/when/all/1`. */
  path: string;
  matched: boolean;
  /** For a leaf: what it saw. For a group: `all`, `any` or `none`. */
  text: string;
  children?: ConditionTrace[];
}

export interface CompiledNode {
  test(env: EvalEnv): boolean;
  /** Why it matched (call only after `test` returned true). */
  reasons(env: EvalEnv): string[];
  trace(env: EvalEnv): ConditionTrace;
}

interface Leaf {
  test(env: EvalEnv): boolean;
  /** A true statement about what the condition saw, phrased for its outcome. */
  say(env: EvalEnv, matched: boolean): string;
}

/** `120000` → `120,000`, `0.915` → `0.92` (Intl.NumberFormat is several times slower). */
const fmtNumber = (n: number): string => {
  const text = Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');
  const [int = '', frac] = text.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
};
const fmtScore = (s: number | null | undefined): string => (typeof s === 'number' ? ` (${s.toFixed(2)})` : '');
const list = (xs: readonly unknown[]): string => xs.map(String).join(', ');
const isMissing = (v: unknown): boolean => v === null || v === undefined || v === '';
const SYMBOL: Record<string, string> = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

const scoreOk = (def: FieldDef, c: Condition, env: EvalEnv): boolean => {
  if (c.minScore === undefined) return true;
  const s = def.score?.(env.facts);
  return typeof s === 'number' && s >= c.minScore;
};

const stringLeaf = (def: FieldDef, c: Condition): Leaf => {
  const norm = (v: unknown) => (def.caseInsensitive ? String(v).toLowerCase() : String(v));
  const wanted = (Array.isArray(c.value) ? c.value : [c.value]).map(norm);
  const positive = c.op === 'eq' || c.op === 'in';
  const hit = (env: EvalEnv) => wanted.includes(norm(def.get(env)));
  return {
    test: (env) => !isMissing(def.get(env)) && (positive ? hit(env) && scoreOk(def, c, env) : !hit(env)),
    say: (env, matched) => {
      const actual = def.get(env);
      if (isMissing(actual)) return `${def.label} unknown`;
      const score = def.score?.(env.facts);
      const head = `${def.label} = ${String(actual)}${fmtScore(score)}`;
      const many = c.op === 'in' || c.op === 'not_in';
      const shown = many ? `one of ${list(c.value as unknown[])}` : String(c.value);
      if (positive && matched) return many ? `${head} (${shown})` : head;
      if (positive) return hit(env) ? `${head}, below ${c.minScore?.toFixed(2)}` : `${head}, not ${shown}`;
      return matched ? `${head}, not ${shown}` : many ? `${head} (${shown})` : head;
    },
  };
};

const numberLeaf = (def: FieldDef, c: Condition): Leaf => {
  const [lo, hi] = c.op === 'between' ? (c.value as [number, number]) : [0, 0];
  const v = c.value as number;
  const compare = (a: number): boolean => {
    switch (c.op) {
      case 'eq':
        return a === v;
      case 'neq':
        return a !== v;
      case 'gt':
        return a > v;
      case 'gte':
        return a >= v;
      case 'lt':
        return a < v;
      case 'lte':
        return a <= v;
      default:
        return a >= lo && a <= hi;
    }
  };
  const num = (env: EvalEnv): number | null => {
    const a = def.get(env);
    return typeof a === 'number' && Number.isFinite(a) ? a : null;
  };
  return {
    test: (env) => {
      const a = num(env);
      return a !== null && compare(a);
    },
    say: (env, matched) => {
      const a = num(env);
      if (a === null) return `${def.label} unknown`;
      const rel = c.op === 'between' ? `in ${fmtNumber(lo)}–${fmtNumber(hi)}` : `${SYMBOL[c.op]} ${fmtNumber(v)}`;
      return `${def.label} ${fmtNumber(a)}${matched ? ' ' : ', not '}${rel}`;
    },
  };
};

const booleanLeaf = (def: FieldDef, c: Condition): Leaf => ({
  test: (env) => def.get(env) === c.value && (c.value !== true || scoreOk(def, c, env)),
  say: (env, matched) => {
    const a = def.get(env);
    if (typeof a !== 'boolean') return `${def.label} unknown`;
    const head = `${a ? def.yes : def.no}${fmtScore(def.score?.(env.facts))}`;
    return !matched && a === c.value ? `${head}, below ${c.minScore?.toFixed(2)}` : head;
  },
});

const listLeaf = (def: FieldDef, c: Condition): Leaf => {
  const wanted = c.value as string[];
  const present = (env: EvalEnv) => {
    const have = (def.get(env) as readonly string[] | null | undefined) ?? [];
    return wanted.filter((w) => have.includes(w));
  };
  return {
    test: (env) => {
      const n = present(env).length;
      return c.op === 'has_any' ? n > 0 : c.op === 'has_all' ? n === wanted.length : n === 0;
    },
    say: (env) => {
      const hits = present(env);
      if (c.op === 'has_all' && hits.length < wanted.length) return `${def.label} lacks ${list(wanted.filter((w) => !hits.includes(w)))}`;
      return hits.length ? `${def.label} ${list(hits)}` : `${def.label} none of ${list(wanted)}`;
    },
  };
};

const rawText = (env: EvalEnv): string => (typeof env.facts.text === 'string' ? env.facts.text : '');

const textLeaf = (c: Condition): Leaf => {
  if (c.op === 'matches_regex') {
    const re = new RegExp(c.value as string, c.caseSensitive ? 'u' : 'iu');
    const shown = `/${re.source}/${c.caseSensitive ? '' : 'i'}`;
    const find = (env: EvalEnv) => re.exec(rawText(env).slice(0, MAX_REGEX_TEXT));
    return {
      test: (env) => find(env) !== null,
      say: (env, matched) => {
        const m = matched ? find(env) : null;
        return m ? `text matches ${shown} ("${m[0].slice(0, 40)}")` : `text does not match ${shown}`;
      },
    };
  }
  if (c.op === 'matches_query') {
    const ast = parseQuery(c.value as string);
    const matcher = compileQuery(ast);
    const shown = formatQuery(ast);
    return {
      test: (env) => matcher((env.tokens ??= tokenizeText(rawText(env)))),
      say: (_env, matched) => `text ${matched ? 'matches' : 'does not match'} query ${shown}`,
    };
  }
  const needles = (Array.isArray(c.value) ? c.value : [c.value]) as string[];
  const folded = c.caseSensitive ? needles : needles.map(foldText);
  const hay = (env: EvalEnv) => (c.caseSensitive ? rawText(env) : (env.folded ??= foldText(rawText(env))));
  const hitIndex = (env: EvalEnv) => {
    const h = hay(env);
    return folded.findIndex((n) => h.includes(n));
  };
  const quoted = needles.map((n) => JSON.stringify(n)).join(' or ');
  return {
    test: (env) => (hitIndex(env) >= 0) === (c.op === 'contains'),
    say: (env) => {
      const i = hitIndex(env);
      return i >= 0 ? `text contains ${JSON.stringify(needles[i])}` : `text does not contain ${quoted}`;
    },
  };
};

const timeLeaf = (def: FieldDef, c: Condition): Leaf => {
  const local = (env: EvalEnv) => {
    const ms = def.get(env) as number | null;
    const zone = c.timeZone ?? env.ctx.timeZone ?? 'UTC';
    return ms === null ? null : { parts: zonedParts(ms, zone), zone };
  };
  if (def.kind === 'weekday') {
    const days = c.value as string[];
    const inside = (wd: number) => days.includes(WEEKDAYS[wd] as string);
    return {
      test: (env) => {
        const l = local(env);
        return l !== null && inside(l.parts.weekday) === (c.op === 'in');
      },
      say: (env) => {
        const l = local(env);
        if (!l) return 'day unknown';
        return `day ${WEEKDAYS[l.parts.weekday]} (${l.zone})${inside(l.parts.weekday) ? '' : ', not'} in ${list(days)}`;
      },
    };
  }
  const { from, to } = c.value as { from: string; to: string };
  const a = parseMinuteOfDay(from) ?? 0;
  const b = parseMinuteOfDay(to) ?? 0;
  // `to` before `from` runs overnight (22:00–06:00).
  const inside = (m: number) => (a < b ? m >= a && m < b : m >= a || m < b);
  return {
    test: (env) => {
      const l = local(env);
      return l !== null && inside(l.parts.hour * 60 + l.parts.minute) === (c.op === 'between');
    },
    say: (env) => {
      const l = local(env);
      if (!l) return 'time unknown';
      const m = l.parts.hour * 60 + l.parts.minute;
      return `time ${formatMinuteOfDay(m)} (${l.zone})${inside(m) ? '' : ', not'} in ${from}–${to}`;
    },
  };
};

const compileLeaf = (c: Condition): Leaf => {
  const def = RULE_FIELDS.get(c.field);
  if (!def) throw new Error(`unknown field ${c.field}: validate rules before compiling them`);
  switch (def.kind) {
    case 'string':
      return stringLeaf(def, c);
    case 'number':
      return numberLeaf(def, c);
    case 'boolean':
      return booleanLeaf(def, c);
    case 'list':
      return listLeaf(def, c);
    case 'text':
      return textLeaf(c);
    case 'time':
    case 'weekday':
      return timeLeaf(def, c);
  }
};

/** The leaf statements of a trace, in order (a `none` group explains itself by its children's). */
const leafStatements = (t: ConditionTrace): string[] => (t.children ? t.children.flatMap(leafStatements) : [t.text]);

export const groupKind = (node: ConditionNode): 'all' | 'any' | 'none' | null =>
  'all' in node ? 'all' : 'any' in node ? 'any' : 'none' in node ? 'none' : null;

/** Compiles a validated condition tree (see validate-rule.ts). */
export const compileConditionNode = (node: ConditionNode, path: string): CompiledNode => {
  const kind = groupKind(node);
  if (!kind) {
    const leaf = compileLeaf(node as Condition);
    return {
      test: leaf.test,
      reasons: (env) => [leaf.say(env, true)],
      trace: (env) => {
        const matched = leaf.test(env);
        return { path, matched, text: leaf.say(env, matched) };
      },
    };
  }
  const items = (node as Record<typeof kind, ConditionNode[]>)[kind];
  const children = items.map((child, i) => compileConditionNode(child, `${path}/${kind}/${i}`));
  const test =
    kind === 'all'
      ? (env: EvalEnv) => children.every((c) => c.test(env))
      : kind === 'any'
        ? (env: EvalEnv) => children.some((c) => c.test(env))
        : (env: EvalEnv) => !children.some((c) => c.test(env));
  return {
    test,
    reasons: (env) =>
      kind === 'all'
        ? children.flatMap((c) => c.reasons(env))
        : kind === 'any'
          ? children.filter((c) => c.test(env)).flatMap((c) => c.reasons(env))
          : children.flatMap((c) => leafStatements(c.trace(env))),
    trace: (env) => {
      const traces = children.map((c) => c.trace(env));
      return { path, matched: test(env), text: kind, children: traces };
    },
  };
};

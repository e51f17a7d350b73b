/**
 * The fields a data rule can test, with their kind (which decides the operators and the value a
 * condition takes), how to read them from the facts, and how to say them in an explanation.
 * `ruleFieldCatalog()` gives the console's rule builder the same list.
 */
import type { TokenizedText } from '../../listening/index.ts';
import { isWithinBusinessHours, tryEpochMs } from '../sla/index.ts';
import type { MentionFacts, RuleContext } from './rule-types.ts';

export type FieldKind = 'string' | 'number' | 'boolean' | 'list' | 'text' | 'time' | 'weekday';

/** The state rules see while they run: facts plus what earlier rules changed. */
export interface EvalEnv {
  facts: MentionFacts;
  ctx: RuleContext;
  /** Current priority (earlier rules' set/change applied). */
  priority: number | null;
  /** Current tags (earlier rules' add_tag applied). */
  tags: Set<string>;
  /** Text prepared once per mention, on first use. */
  folded?: string;
  tokens?: TokenizedText;
}

export interface FieldDef {
  name: string;
  /** How explanations and the builder name it. */
  label: string;
  kind: FieldKind;
  /** The only values it can take, when the set is closed. */
  values?: readonly string[];
  /** Numbers: the range values must fall in. */
  range?: readonly [number, number];
  /** Labels and booleans with a model confidence: where to read it (enables `minScore`). */
  score?: (f: MentionFacts) => number | null | undefined;
  /** Booleans: how to state true and false. */
  yes?: string;
  no?: string;
  /** Strings compared ignoring case (language codes, tiers, intents). */
  caseInsensitive?: boolean;
  get: (env: EvalEnv) => unknown;
}

export const OPS_BY_KIND: Record<FieldKind, readonly string[]> = {
  string: ['eq', 'neq', 'in', 'not_in'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'],
  boolean: ['is'],
  list: ['has_any', 'has_all', 'has_none'],
  text: ['contains', 'not_contains', 'matches_regex', 'matches_query'],
  time: ['between', 'not_between'],
  weekday: ['in', 'not_in'],
};

const fact =
  <K extends keyof MentionFacts>(key: K) =>
  (env: EvalEnv): MentionFacts[K] =>
    env.facts[key];

const receivedMs = (env: EvalEnv): number | null => tryEpochMs(env.facts.receivedAt);

const businessHours = (env: EvalEnv): boolean | null => {
  if (typeof env.facts.isBusinessHours === 'boolean') return env.facts.isBusinessHours;
  const at = receivedMs(env);
  return 'calendar' in env.ctx && at !== null ? isWithinBusinessHours(env.ctx.calendar, at) : null;
};

const defs: FieldDef[] = [
  { name: 'channel', label: 'channel', kind: 'string', get: fact('channelId') },
  { name: 'channelKind', label: 'channel kind', kind: 'string', get: fact('channelKind') },
  { name: 'visibility', label: 'visibility', kind: 'string', values: ['public', 'private'], get: fact('visibility') },
  { name: 'listeningQuery', label: 'listening query', kind: 'list', get: fact('listeningQueryIds') },
  { name: 'text', label: 'text', kind: 'text', get: fact('text') },
  { name: 'language', label: 'language', kind: 'string', caseInsensitive: true, get: fact('language') },
  {
    name: 'sentiment',
    label: 'sentiment',
    kind: 'string',
    values: ['negative', 'neutral', 'positive'],
    score: (f) => f.sentimentScore,
    get: fact('sentiment'),
  },
  { name: 'sentimentScore', label: 'sentiment score', kind: 'number', range: [0, 1], get: fact('sentimentScore') },
  { name: 'intent', label: 'intent', kind: 'string', caseInsensitive: true, score: (f) => f.intentScore, get: fact('intent') },
  { name: 'complaint', label: 'complaint', kind: 'boolean', yes: 'complaint', no: 'not a complaint', score: (f) => f.complaintScore, get: fact('complaint') },
  { name: 'complaintScore', label: 'complaint score', kind: 'number', range: [0, 1], get: fact('complaintScore') },
  {
    name: 'needsResponse',
    label: 'needs response',
    kind: 'boolean',
    yes: 'needs a response',
    no: 'needs no response',
    score: (f) => f.needsResponseScore,
    get: fact('needsResponse'),
  },
  { name: 'needsResponseScore', label: 'needs-response score', kind: 'number', range: [0, 1], get: fact('needsResponseScore') },
  { name: 'priority', label: 'priority', kind: 'number', range: [0, 100], get: (env) => env.priority },
  { name: 'followers', label: 'followers', kind: 'number', range: [0, Number.MAX_SAFE_INTEGER], get: fact('followers') },
  { name: 'influence', label: 'influence', kind: 'number', get: fact('influence') },
  { name: 'verified', label: 'verified', kind: 'boolean', yes: 'verified author', no: 'author not verified', get: fact('verified') },
  { name: 'customerTier', label: 'customer tier', kind: 'string', caseInsensitive: true, get: fact('customerTier') },
  { name: 'isVip', label: 'VIP', kind: 'boolean', yes: 'VIP customer', no: 'not a VIP customer', get: fact('isVip') },
  { name: 'isDrill', label: 'drill', kind: 'boolean', yes: 'drill mention', no: 'not a drill', get: fact('isDrill') },
  { name: 'tags', label: 'tags', kind: 'list', get: (env) => [...env.tags] },
  { name: 'timeOfDay', label: 'time', kind: 'time', get: receivedMs },
  { name: 'dayOfWeek', label: 'day', kind: 'weekday', get: receivedMs },
  { name: 'businessHours', label: 'business hours', kind: 'boolean', yes: 'within business hours', no: 'outside business hours', get: businessHours },
];

export const RULE_FIELDS: ReadonlyMap<string, FieldDef> = new Map(defs.map((d) => [d.name, d]));

export interface RuleFieldInfo {
  name: string;
  label: string;
  kind: FieldKind;
  ops: readonly string[];
  values?: readonly string[];
  range?: readonly [number, number];
  hasScore: boolean;
}

/** Every field with its operators, for the console's rule builder. */
export const ruleFieldCatalog = (): RuleFieldInfo[] =>
  defs.map((d) => ({
    name: d.name,
    label: d.label,
    kind: d.kind,
    ops: OPS_BY_KIND[d.kind],
    ...(d.values ? { values: d.values } : {}),
    ...(d.range ? { range: d.range } : {}),
    hasScore: d.score !== undefined,
  }));

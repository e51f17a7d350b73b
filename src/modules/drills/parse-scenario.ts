import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { Value } from 'typebox/value';
import { Scenario } from '../../contracts/drills.ts';

/**
 * Reads a drill scenario (YAML, or JSON, which is YAML too) and checks it against the schema and
 * the cross-field rules (channels used are declared, replies answer an earlier entry). A malformed
 * file is refused with the line, the column and the reason, so its author can fix it.
 */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
    /** The offending key, as a JSON pointer (`/timeline/2/at`), when the file parsed. */
    readonly path: string | null = null,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'ScenarioError';
  }
}

type Located = { line: number; column: number };

export const parseScenario = (text: string, file = 'scenario'): Scenario => {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const at = lines.linePos(syntax.pos[0]);
    throw new ScenarioError(file, at.line, at.col, firstLine(syntax.message));
  }
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (value === null || value === undefined) throw new ScenarioError(file, 1, 1, 'the file is empty: a scenario needs name, description, channels, timeline and expected');
  const problem = schemaProblem(value) ?? ruleProblem(value as Scenario);
  if (problem) {
    const at = locate(doc, lines, problem.path, problem.key);
    throw new ScenarioError(file, at.line, at.column, problem.reason, problem.path);
  }
  return value as Scenario;
};

interface Problem {
  path: string;
  reason: string;
  /** Point at this key of the object at `path` rather than at its value (an unknown property). */
  key?: string;
}

const schemaProblem = (value: unknown): Problem | null => {
  // The first error the file's author can act on: "schema is false" entries duplicate the
  // additionalProperties one, which names the key.
  const errors = [...Value.Errors(Scenario, value)];
  // A value that fits none of a union's branches: say what the union takes, not why each branch failed.
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  for (const e of errors) {
    if (e.keyword === 'boolean') continue;
    const union = unions.find((u) => e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`));
    if (union) return { path: union.instancePath, reason: describeUnion(union.instancePath) };
    if (e.keyword === 'additionalProperties') {
      const key = String((e.params as { additionalProperties?: string[] }).additionalProperties?.[0] ?? '');
      return { path: e.instancePath, key, reason: `unknown property "${key}"` };
    }
    if (e.keyword === 'required') {
      const missing = (e.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      return { path: e.instancePath, reason: `missing ${missing.map((m) => `"${m}"`).join(', ')}` };
    }
    return { path: e.instancePath, reason: `${name(e.instancePath)} ${e.message}` };
  }
  return null;
};

const describeUnion = (path: string): string =>
  /\/channel(s\/\d+)?$/.test(path)
    ? 'not a drill channel kind (bluesky, x, mastodon, email, webchat)'
    : /alertStakeholders\/\d+$/.test(path)
      ? 'a stakeholder is either { role: … } or { email: … }'
      : `${name(path)} has the wrong shape`;

const name = (path: string): string => (path ? `"${path.split('/').pop()}"` : 'the scenario');

const ruleProblem = (s: Scenario): Problem | null => {
  const ids = new Set<string>();
  for (const [i, e] of s.timeline.entries()) {
    if (!s.channels.includes(e.channel)) return { path: `/timeline/${i}/channel`, reason: `channel "${e.channel}" is not listed in channels (${s.channels.join(', ')})` };
    if (e.replyTo && !ids.has(e.replyTo)) return { path: `/timeline/${i}/replyTo`, reason: `replyTo "${e.replyTo}" names no earlier entry with that id` };
    if (e.id) {
      if (ids.has(e.id)) return { path: `/timeline/${i}/id`, reason: `id "${e.id}" is used twice` };
      ids.add(e.id);
    }
    const prev = s.timeline[i - 1];
    if (prev && e.at < prev.at) return { path: `/timeline/${i}/at`, reason: `entries must be in time order: ${e.at} comes after ${prev.at}` };
  }
  return null;
};

/** The line and column of the node a JSON pointer names, or of its nearest ancestor that exists. */
const locate = (doc: Document, lines: LineCounter, path: string, key?: string): Located => {
  const segments = path.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node: Node | null = doc.contents as Node | null;
  let pair: Pair | null = null;
  for (const seg of segments) {
    const next = child(node, seg);
    if (!next) break;
    ({ node, pair } = next);
  }
  if (key !== undefined) {
    const keyed = child(node, key);
    if (keyed?.pair) pair = keyed.pair;
  }
  // Point at the key of the offending property when there is one: "at: -3" is found by its key.
  const target = (key !== undefined ? pair?.key : (pair?.key ?? node)) as Node | null | undefined;
  const offset = target?.range?.[0] ?? node?.range?.[0] ?? 0;
  const at = lines.linePos(offset);
  return { line: at.line, column: at.col };
};

const child = (node: Node | null, seg: string | number): { node: Node | null; pair: Pair | null } | null => {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
    return pair ? { node: (pair.value as Node | null) ?? null, pair } : null;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg] as Node | undefined;
    return item ? { node: item, pair: null } : null;
  }
  return null;
};

const firstLine = (message: string): string => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

/**
 * Many listening queries against many mentions: each mention is tokenised once, and an inverted
 * index from words (hashtags, handles) to queries picks the few queries that could match it, so
 * the cost per mention grows with its words, not with the number of queries.
 *
 * Each query gets "anchors": a set of tokens at least one of which must be in any text it matches
 * (for `acme AND (refund OR broken)`, {acme}; for `"login error" OR outage`, {login, outage}).
 * Queries without anchors (a `refund*` prefix as the only positive part) are checked on every text.
 */
import { AppError, type FieldProblem } from '../../platform/errors/index.ts';
import { compileTokenMatcher, type TokenMatcher } from './compile-query.ts';
import { parseQuery, QuerySyntaxError } from './parse-query.ts';
import type { QueryNode } from './query-ast.ts';
import { tokenizeText, type TokenizedText } from './tokenize-text.ts';

export interface ListeningQuery {
  id: string;
  /** The query text, or its already-parsed form. */
  query: string | QueryNode;
}

export interface InvalidQuery {
  id: string;
  error: string;
  column: number | null;
}

export interface QuerySet {
  readonly size: number;
  /** Queries left out because they did not parse (only with `onInvalid: 'skip'`). */
  readonly invalid: readonly InvalidQuery[];
  /** Ids of the queries that match, in the order the queries were given. */
  match(text: string | TokenizedText): string[];
}

export interface QuerySetOptions {
  /** `throw` (default): one AppError listing every bad query; `skip`: leave them out. */
  onInvalid?: 'throw' | 'skip';
}

type Anchors = Set<string> | null;

const anchorsOf = (node: QueryNode): Anchors => {
  switch (node.type) {
    case 'term':
      return new Set([`w:${node.word}`]);
    case 'phrase':
      // The longest word is usually the rarest.
      return new Set([`w:${node.words.reduce((a, b) => (b.length > a.length ? b : a))}`]);
    case 'hashtag':
      return new Set([`#:${node.tag}`]);
    case 'handle':
      return new Set([`@:${node.handle}`]);
    case 'prefix':
    case 'not':
      return null;
    case 'and': {
      let best: Anchors = null;
      for (const c of node.children) {
        const a = anchorsOf(c);
        if (a && (!best || a.size < best.size)) best = a;
      }
      return best;
    }
    case 'or': {
      const all = new Set<string>();
      for (const c of node.children) {
        const a = anchorsOf(c);
        if (!a) return null;
        for (const k of a) all.add(k);
      }
      return all;
    }
  }
};

export const buildQuerySet = (queries: readonly ListeningQuery[], options: QuerySetOptions = {}): QuerySet => {
  const ids: string[] = [];
  const matchers: TokenMatcher[] = [];
  // Anchor key → queries, one map per kind of token: `w:` words, `#:` hashtags, `@:` handles.
  const postings = { w: new Map<string, number[]>(), '#': new Map<string, number[]>(), '@': new Map<string, number[]>() };
  const unanchored: number[] = [];
  const invalid: InvalidQuery[] = [];
  const problems: FieldProblem[] = [];

  queries.forEach((q, i) => {
    let ast: QueryNode;
    try {
      ast = typeof q.query === 'string' ? parseQuery(q.query, { path: `/queries/${i}/query` }) : q.query;
    } catch (e) {
      if (!(e instanceof QuerySyntaxError)) throw e;
      invalid.push({ id: q.id, error: e.message, column: e.column });
      problems.push(...e.fields);
      return;
    }
    const index = ids.length;
    ids.push(q.id);
    matchers.push(compileTokenMatcher(ast));
    const anchors = anchorsOf(ast);
    if (!anchors) unanchored.push(index);
    else
      for (const key of anchors) {
        const map = postings[key.slice(0, 1) as keyof typeof postings];
        const token = key.slice(2);
        const list = map.get(token);
        if (list) list.push(index);
        else map.set(token, [index]);
      }
  });
  if (problems.length && options.onInvalid !== 'skip') {
    throw new AppError('VALIDATION_FAILED', `${problems.length} listening quer${problems.length === 1 ? 'y is' : 'ies are'} invalid`, problems);
  }

  // Marks which queries were already checked for the current text, without clearing an array.
  const seen = new Uint32Array(ids.length);
  let stamp = 0;

  const match = (input: string | TokenizedText): string[] => {
    const text = typeof input === 'string' ? tokenizeText(input) : input;
    if (++stamp === 0xffffffff) {
      seen.fill(0);
      stamp = 1;
    }
    const hits: number[] = [];
    const check = (i: number) => {
      if (seen[i] === stamp) return;
      seen[i] = stamp;
      if ((matchers[i] as TokenMatcher)(text)) hits.push(i);
    };
    const visit = (tokens: ReadonlySet<string>, map: Map<string, number[]>) => {
      if (map.size === 0) return;
      for (const token of tokens) {
        const list = map.get(token);
        if (list) for (const i of list) check(i);
      }
    };
    visit(text.wordSet, postings.w);
    visit(text.hashtags, postings['#']);
    visit(text.handles, postings['@']);
    for (const i of unanchored) check(i);
    return hits.sort((a, b) => a - b).map((i) => ids[i] as string);
  };

  return { size: ids.length, invalid, match };
};

const setsByArray = new WeakMap<readonly ListeningQuery[], QuerySet>();

/**
 * Ids of the queries that match the text. Pass a QuerySet built once (or the same array each
 * time: its set is built on first use and kept) to match many mentions quickly.
 */
export const matchQueries = (queries: QuerySet | readonly ListeningQuery[], text: string | TokenizedText): string[] => {
  if (!Array.isArray(queries)) return (queries as QuerySet).match(text);
  const list = queries as readonly ListeningQuery[];
  let set = setsByArray.get(list);
  if (!set) {
    set = buildQuerySet(list);
    setsByArray.set(list, set);
  }
  return set.match(text);
};

/**
 * The listening-query language:
 *
 *   acme AND (refund OR broken) -hiring        "login error" OR outage        #acme @acme refund*
 *
 * - Terms match whole words, case- and accent-insensitively (see tokenize-text.ts).
 * - `"quoted phrases"` match consecutive words.
 * - `AND`, `OR`, `NOT` are operators only in capitals (`and` / `or` are ordinary words);
 *   adjacent terms are joined by an implicit AND; NOT binds tightest, then AND, then OR.
 * - `-term`, `-"phrase"`, `-(group)` and `NOT term` exclude.
 * - `#acme` matches only the hashtag #acme; a plain `acme` matches the word anywhere, hashtags
 *   and handles included. `@acme` matches the handle @acme (and @acme.bsky.social, @acme@mastodon.social).
 * - `refund*` matches words starting with `refund` (at least two characters before the `*`).
 * - A query must listen for something: one that would match a mention containing none of its
 *   terms (`-hiring`, `acme OR NOT jobs`) is rejected.
 */
import { AppError } from '../../platform/errors/index.ts';
import { compileQuery } from './compile-query.ts';
import type { QueryNode } from './query-ast.ts';
import { foldText, splitWords, tokenizeText } from './tokenize-text.ts';

export const MAX_QUERY_LENGTH = 2000;
export const MAX_QUERY_DEPTH = 20;
export const MAX_QUERY_TERMS = 200;

/** A query the parser refused, with the 1-based column (in characters) of the problem. */
export class QuerySyntaxError extends AppError {
  readonly column: number;
  constructor(problem: string, column: number, path: string) {
    super('VALIDATION_FAILED', `Listening query: ${problem} (column ${column})`, [{ path, message: `column ${column}: ${problem}` }]);
    this.column = column;
  }
}

type TokenKind = 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'neg' | 'word' | 'phrase';
interface Token {
  kind: TokenKind;
  text: string;
  /** Offset in UTF-16 units. */
  at: number;
}

const OPEN_QUOTES = new Set(['"', '“', '„']);
const CLOSE_QUOTES = new Set(['"', '”', '“']);
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);
const endsWord = (c: string | undefined): boolean => c === undefined || isSpace(c) || c === '(' || c === ')' || OPEN_QUOTES.has(c) || CLOSE_QUOTES.has(c);
const OPERATORS: Record<string, TokenKind> = { AND: 'and', OR: 'or', NOT: 'not' };
const HASHTAG_BODY = /^[\p{L}\p{N}\p{M}_]+$/u;
const HANDLE_BODY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}\p{M}_.-]*[\p{L}\p{N}\p{M}_])?(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?$/u;

export interface ParseQueryOptions {
  /** Field path reported in the error (default `/query`). */
  path?: string;
}

export const parseQuery = (text: string, options: ParseQueryOptions = {}): QueryNode => {
  const path = options.path ?? '/query';
  const fail = (problem: string, at: number): never => {
    throw new QuerySyntaxError(problem, [...text.slice(0, at)].length + 1, path);
  };
  if (typeof text !== 'string' || text.trim() === '') return fail('the query is empty', 0);
  if (text.length > MAX_QUERY_LENGTH) return fail(`the query is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH);

  const tokens = lex(text, fail);
  let i = 0;
  let depth = 0;
  let leaves = 0;
  const peek = (): Token | undefined => tokens[i];
  const opName = (t: Token) => (t.kind === 'neg' ? "'-'" : t.text);
  const startsOperand = (t: Token | undefined) => t !== undefined && ['word', 'phrase', 'lparen', 'not', 'neg'].includes(t.kind);

  const leaf = (t: Token): QueryNode => {
    if (++leaves > MAX_QUERY_TERMS) fail(`the query has more than ${MAX_QUERY_TERMS} terms`, t.at);
    return t.kind === 'phrase' ? phraseNode(t, fail) : wordNode(t, fail);
  };

  const parseOr = (): QueryNode => {
    const children = [parseAnd()];
    while (peek()?.kind === 'or') {
      const op = tokens[i++] as Token;
      if (!startsOperand(peek())) fail(`OR needs a term after it`, op.at);
      children.push(parseAnd());
    }
    return combine('or', children);
  };

  const parseAnd = (): QueryNode => {
    const children = [parseUnary()];
    for (;;) {
      const t = peek();
      if (t?.kind === 'and') {
        i++;
        if (!startsOperand(peek())) fail(`AND needs a term after it`, t.at);
      } else if (!startsOperand(t)) break;
      children.push(parseUnary());
    }
    return combine('and', children);
  };

  const parseUnary = (): QueryNode => {
    const t = peek();
    if (t?.kind === 'not' || t?.kind === 'neg') {
      i++;
      if (!startsOperand(peek())) fail(`${opName(t)} needs a term, phrase or group after it`, t.at);
      return { type: 'not', child: parseUnary() };
    }
    return parsePrimary();
  };

  const parsePrimary = (): QueryNode => {
    const t = peek();
    if (!t) return fail('the query ends where a term was expected', text.length);
    if (t.kind === 'and' || t.kind === 'or') return fail(`${t.text} needs a term before it`, t.at);
    if (t.kind === 'rparen') return fail(`unexpected ')'`, t.at);
    i++;
    if (t.kind !== 'lparen') return leaf(t);
    if (++depth > MAX_QUERY_DEPTH) fail(`parentheses are nested more than ${MAX_QUERY_DEPTH} deep`, t.at);
    if (peek()?.kind === 'rparen') fail('empty parentheses', t.at);
    const inner = parseOr();
    if (peek()?.kind !== 'rparen') fail(`'(' is never closed`, t.at);
    i++;
    depth--;
    return inner;
  };

  const ast = parseOr();
  const rest = peek();
  if (rest) fail(rest.kind === 'rparen' ? `unexpected ')'` : `unexpected ${rest.text}`, rest.at);
  if (compileQuery(ast)(tokenizeText(''))) {
    fail('the query only excludes: it would match mentions containing none of its terms; add a term to listen for', 0);
  }
  return ast;
};

const lex = (text: string, fail: (problem: string, at: number) => never): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (isSpace(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, at: i++ });
    } else if (OPEN_QUOTES.has(c) || CLOSE_QUOTES.has(c)) {
      let j = i + 1;
      while (j < text.length && !CLOSE_QUOTES.has(text[j] as string)) j++;
      if (j >= text.length) fail('this quote is never closed', i);
      tokens.push({ kind: 'phrase', text: text.slice(i + 1, j), at: i });
      i = j + 1;
    } else if (c === '-') {
      if (endsWord(text[i + 1]) && text[i + 1] !== '(' && !OPEN_QUOTES.has(text[i + 1] ?? '')) fail(`'-' must be followed directly by a term, phrase or group`, i);
      tokens.push({ kind: 'neg', text: '-', at: i++ });
    } else {
      let j = i;
      while (!endsWord(text[j])) j++;
      const word = text.slice(i, j);
      tokens.push({ kind: OPERATORS[word] ?? 'word', text: word, at: i });
      i = j;
    }
  }
  return tokens;
};

const combine = (type: 'and' | 'or', children: QueryNode[]): QueryNode => {
  if (children.length === 1) return children[0] as QueryNode;
  // Flatten `a AND (b AND c)` so the tree stays shallow.
  return { type, children: children.flatMap((c) => (c.type === type ? c.children : [c])) };
};

const wordsNode = (words: string[]): QueryNode => (words.length === 1 ? { type: 'term', word: words[0] as string } : { type: 'phrase', words });

const phraseNode = (t: Token, fail: (problem: string, at: number) => never): QueryNode => {
  const words = splitWords(foldText(t.text));
  if (words.length === 0) fail('this phrase has no letters or digits', t.at);
  return wordsNode(words);
};

const wordNode = (t: Token, fail: (problem: string, at: number) => never): QueryNode => {
  const folded = foldText(t.text);
  if (folded.startsWith('#')) {
    const tag = folded.slice(1);
    if (!HASHTAG_BODY.test(tag)) fail(`hashtag '${t.text}' may contain only letters, digits and _`, t.at);
    return { type: 'hashtag', tag };
  }
  if (folded.startsWith('@')) {
    const handle = folded.slice(1);
    if (!HANDLE_BODY.test(handle)) fail(`'${t.text}' is not a valid handle`, t.at);
    return { type: 'handle', handle };
  }
  if (folded.slice(0, -1).includes('*')) fail(`'*' may only end a word, as in refund*`, t.at);
  if (folded.endsWith('*')) {
    const words = splitWords(folded.slice(0, -1));
    const prefix = words[0];
    if (words.length !== 1 || prefix === undefined || folded.slice(0, -1) !== prefix) fail(`'*' may only end a single word, as in refund*`, t.at);
    if ([...(prefix as string)].length < 2) fail(`'${t.text}' is too short: put at least two characters before '*'`, t.at);
    return { type: 'prefix', prefix: prefix as string };
  }
  const words = splitWords(folded);
  if (words.length === 0) fail(`'${t.text}' has no letters or digits`, t.at);
  return wordsNode(words);
};

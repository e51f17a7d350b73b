/**
 * Turns a parsed listening query into a matcher: a tree of closures over a TokenizedText, so a
 * mention's text is tokenised once and every query's check is a few set lookups.
 */
import type { QueryNode } from './query-ast.ts';
import { tokenizeText, type TokenizedText } from './tokenize-text.ts';

export type TokenMatcher = (text: TokenizedText) => boolean;
/** Accepts raw text (tokenised on the spot) or text tokenised once for many queries. */
export type QueryMatcher = (text: string | TokenizedText) => boolean;

const positionsCache = new WeakMap<TokenizedText, Map<string, number[]>>();

/** Where each word occurs; built once per text, the first time a phrase needs it. */
const positionsOf = (text: TokenizedText): Map<string, number[]> => {
  let map = positionsCache.get(text);
  if (!map) {
    map = new Map();
    text.words.forEach((w, i) => {
      const list = map!.get(w);
      if (list) list.push(i);
      else map!.set(w, [i]);
    });
    positionsCache.set(text, map);
  }
  return map;
};

const hasPhrase = (text: TokenizedText, words: readonly string[]): boolean => {
  for (const w of words) if (!text.wordSet.has(w)) return false;
  const starts = positionsOf(text).get(words[0] as string) ?? [];
  outer: for (const start of starts) {
    for (let k = 1; k < words.length; k++) if (text.words[start + k] !== words[k]) continue outer;
    return true;
  }
  return false;
};

export const compileTokenMatcher = (node: QueryNode): TokenMatcher => {
  switch (node.type) {
    case 'term': {
      const w = node.word;
      return (t) => t.wordSet.has(w);
    }
    case 'prefix': {
      const p = node.prefix;
      return (t) => {
        for (const w of t.wordSet) if (w.startsWith(p)) return true;
        return false;
      };
    }
    case 'phrase': {
      const words = node.words;
      return (t) => hasPhrase(t, words);
    }
    case 'hashtag': {
      const tag = node.tag;
      return (t) => t.hashtags.has(tag);
    }
    case 'handle': {
      const h = node.handle;
      return (t) => t.handles.has(h);
    }
    case 'not': {
      const inner = compileTokenMatcher(node.child);
      return (t) => !inner(t);
    }
    case 'and': {
      const parts = node.children.map(compileTokenMatcher);
      return (t) => parts.every((m) => m(t));
    }
    case 'or': {
      const parts = node.children.map(compileTokenMatcher);
      return (t) => parts.some((m) => m(t));
    }
  }
};

export const compileQuery = (ast: QueryNode): QueryMatcher => {
  const match = compileTokenMatcher(ast);
  return (text) => match(typeof text === 'string' ? tokenizeText(text) : text);
};

import { contentWords } from '../detection/index.ts';

/**
 * Which new mentions attach themselves to an open incident. Match terms are normalised the way
 * the detector reads text (lower case, links, handles and stop words dropped), so an alert's terms
 * and a person's typed terms mean the same thing.
 *
 * A mention matches when every word of one of the incident's phrases (multi-word terms such as
 * "battery overheating") is in it; an incident with only single words ("login", "error") needs
 * all of them. Single words next to phrases are left out of matching: an alert's terms mix the
 * specific phrase with common words ("phone") that would pull in unrelated mentions.
 */

export const normaliseMatchTerms = (terms: readonly string[]): string[] => {
  const out = new Set<string>();
  for (const term of terms) {
    const words = contentWords(term);
    if (words.length) out.add(words.join(' '));
  }
  return [...out];
};

export interface Matcher {
  matches(text: string): boolean;
}

export const matcherFor = (matchTerms: readonly string[]): Matcher | null => {
  const terms = normaliseMatchTerms(matchTerms);
  if (!terms.length) return null;
  const phrases = terms.filter((t) => t.includes(' ')).map((t) => t.split(' '));
  const wanted = phrases.length ? phrases : [terms];
  return {
    matches(text) {
      const words = new Set(contentWords(text));
      return wanted.some((phrase) => phrase.every((w) => words.has(w)));
    },
  };
};

/**
 * True when an alert is about an incident's subject: a phrase (or, without phrases, a word) of
 * one list is among the terms of the other. Shared common words alone ("phone") do not count.
 */
export const termsOverlap = (a: readonly string[], b: readonly string[]): boolean => {
  const left = normaliseMatchTerms(a);
  const right = normaliseMatchTerms(b);
  const keyOf = (terms: string[]) => {
    const phrases = terms.filter((t) => t.includes(' '));
    return phrases.length ? phrases : terms;
  };
  const inLeft = new Set(left);
  const inRight = new Set(right);
  return keyOf(left).some((t) => inRight.has(t)) || keyOf(right).some((t) => inLeft.has(t));
};

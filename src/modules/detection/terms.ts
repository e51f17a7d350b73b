import { STOPWORDS } from './stopwords.ts';

/**
 * The terms of a mention: content words and pairs of neighbouring content words
 * ("battery overheating", "login error"), each counted once per mention, because the
 * detector counts how many mentions say something, not how often one mention repeats it.
 * Links, handles and numbers are dropped; a hashtag counts as its word.
 */

const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
const HANDLE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.]+/gu;
const ENTITY = /&(?:amp|lt|gt|quot|#\d+);/gu;
const APOSTROPHE = /['’`]/gu;
const WORD = /[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*/gu;
const DIGITS_ONLY = /^[\p{N}_-]+$/u;
const NON_ASCII = /[^ -~\t\n\r]/;

/** Caps how many terms one very long text can contribute. */
const MAX_WORDS_PER_MENTION = 60;

export const contentWords = (text: string): string[] => {
  // Compatibility forms (full-width letters, ligatures) only occur outside ASCII.
  const normalized = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  const cleaned = normalized
    .toLowerCase()
    .replace(LINK, ' ')
    .replace(HANDLE, '$1 ')
    .replace(ENTITY, ' ')
    .replace(APOSTROPHE, '');
  const words: string[] = [];
  for (const match of cleaned.matchAll(WORD)) {
    const word = match[0];
    if (word.length < 2 || word.length > 40 || DIGITS_ONLY.test(word) || STOPWORDS.has(word)) continue;
    words.push(word);
    if (words.length >= MAX_WORDS_PER_MENTION) break;
  }
  return words;
};

/** Unigrams and bigrams of content words, without repeats, in order of first appearance. */
export const extractTerms = (text: string): string[] => {
  const words = contentWords(text);
  const terms = new Set<string>(words);
  for (let i = 1; i < words.length; i++) {
    if (words[i - 1] !== words[i]) terms.add(`${words[i - 1]} ${words[i]}`);
  }
  return [...terms];
};

export const isBigram = (term: string): boolean => term.includes(' ');

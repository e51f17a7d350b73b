/**
 * Mention text, tokenised once so many listening queries can be matched against it cheaply.
 *
 * Matching is by whole words, case-insensitive and accent-insensitive (`Café` = `cafe`), with
 * Unicode letters and digits: `acme` matches "Acme's", "#acme", "@acme_support" and "acme.com",
 * never "acmeville". Scripts written without spaces (Chinese, Japanese kana, Thai, Lao, Khmer,
 * Myanmar) are split one character per token, so a term in them matches as a run of characters.
 * Pictographic emoji are tokens of their own. Hashtags and handles are also collected whole
 * (`#AcmeRefund` → hashtag `acmerefund`; `@acme.bsky.social` → handles `acme.bsky.social` and
 * `acme`).
 */

export interface TokenizedText {
  /** Words in order (folded: lower case, accents removed). */
  readonly words: readonly string[];
  readonly wordSet: ReadonlySet<string>;
  /** Hashtag bodies, folded, without `#`. */
  readonly hashtags: ReadonlySet<string>;
  /** Handles, folded, without the leading `@`; a domain or fediverse handle also adds its first label. */
  readonly handles: ReadonlySet<string>;
}

/** Longer texts are matched on their first this-many characters (a 1 MB email is not a post). */
export const MAX_MATCHED_CHARS = 100_000;

const NON_ASCII = /[^\p{ASCII}]/u;
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;

/** Lower case, compatibility-normalised, Latin/Greek/Cyrillic accents removed. */
export const foldText = (text: string): string => {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.toLowerCase().normalize('NFKD').replace(COMBINING_DIACRITICS, '');
};

const WORD_RE = /[\p{L}\p{N}\p{M}]+|\p{Extended_Pictographic}/gu;
const NO_SPACE_SCRIPTS = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}';
const HAS_NO_SPACE_SCRIPT = new RegExp(`[${NO_SPACE_SCRIPTS}]`, 'u');
const SPLIT_NO_SPACE = new RegExp(`[${NO_SPACE_SCRIPTS}]\\p{M}*|[^${NO_SPACE_SCRIPTS}]+`, 'gu');

const HASHTAG_RE = /(?<![\p{L}\p{N}\p{M}_&#])#([\p{L}\p{N}\p{M}_]+)/gu;
// `@name`, `@name.domain.tld`, `@name@server.tld`; not the middle of an email address.
const HANDLE_RE = /(?<![\p{L}\p{N}\p{M}_@.])@([\p{L}\p{N}_](?:[\p{L}\p{N}\p{M}_.-]*[\p{L}\p{N}\p{M}_])?(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)/gu;

/** Splits already-folded text into word tokens. */
export const splitWords = (folded: string, into: string[] = []): string[] => {
  for (const m of folded.matchAll(WORD_RE)) {
    const w = m[0];
    if (HAS_NO_SPACE_SCRIPT.test(w)) for (const part of w.matchAll(SPLIT_NO_SPACE)) into.push(part[0]);
    else into.push(w);
  }
  return into;
};

/** The first label of a domain or fediverse handle: `acme.bsky.social` → `acme`. */
export const handleStem = (handle: string): string => handle.split(/[.@]/, 1)[0] ?? handle;

export const tokenizeText = (text: string): TokenizedText => {
  const folded = foldText(text.length > MAX_MATCHED_CHARS ? text.slice(0, MAX_MATCHED_CHARS) : text);
  const words = splitWords(folded);
  const hashtags = new Set<string>();
  const handles = new Set<string>();
  if (folded.includes('#')) for (const m of folded.matchAll(HASHTAG_RE)) if (m[1]) hashtags.add(m[1]);
  if (folded.includes('@')) {
    for (const m of folded.matchAll(HANDLE_RE)) {
      const h = m[1];
      if (!h) continue;
      handles.add(h);
      handles.add(handleStem(h));
    }
  }
  return { words, wordSet: new Set(words), hashtags, handles };
};

/**
 * Tweet-aware normalisation and tokenisation shared by every triage model.
 * Users become `@user`, links `http`, elongations are cut to two letters ("soooo" → "soo"),
 * emoticons and emoji are kept as tokens, and words inside a negation scope are flagged
 * ("not good" ≠ "good"). Text past MAX_CHARS is ignored so a huge input costs no more than a long one.
 */
export const MAX_CHARS = 2000;

export interface TextStats {
  /** characters looked at (after truncation) */
  length: number;
  allCapsWords: number;
  elongated: number;
  exclamations: number;
  questions: number;
  urls: number;
  mentions: number;
  hashtags: number;
  emoji: number;
  /** the text opens with an @mention: a reply or a message addressed to someone */
  startsWithMention: boolean;
}

export interface Tokens {
  /** normalised tokens, lower case */
  words: string[];
  /** 1 where the token sits inside a negation scope */
  negated: Uint8Array;
  /** the normalised text the character n-grams are taken from */
  norm: string;
  stats: TextStats;
}

const TOKEN_RE =
  /(https?:\/\/\S+|www\.\S+)|(@[\p{L}\p{N}_.]+)|(#[\p{L}\p{N}_]+)|(<3|[:;=][-o*'^]?[)\]([dp/\\}{|@]+|[)(][-o*'^]?[:;=])|([\p{L}\p{M}\p{N}_]+(?:'[\p{L}\p{M}]+)*)|(\p{Extended_Pictographic}|\p{Regional_Indicator}{2})|([!?]+)|(\.{2,}|…)|([.,;:])/gu;
const ELONGATION_RE = /(\p{L})\1{2,}/gu;
const ALL_CAPS_RE = /\b[A-Z]{2,}\b/g;
const ESCAPE_RE = /\\u([0-9a-fA-F]{4})/g;
const ENTITY_RE = /&(amp|lt|gt|quot|#39|apos|nbsp);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

const NEGATORS = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'nowhere', 'cannot', 'without',
  'dont', 'cant', 'wont', 'isnt', 'arent', 'wasnt', 'didnt', 'doesnt', 'havent', 'hasnt', 'couldnt',
  'shouldnt', 'wouldnt', 'aint',
]);

const isNegator = (w: string): boolean => NEGATORS.has(w) || w.endsWith("n't");

const countMatches = (re: RegExp, s: string): number => {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  return n;
};

export const tokenize = (input: string): Tokens => {
  let raw = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
  // some exports (SemEval, TweetEval) carry JSON-style escapes such as \u2019 as literal text
  if (raw.includes('\\u')) raw = raw.replace(ESCAPE_RE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  if (raw.includes('&')) raw = raw.replace(ENTITY_RE, (_, e: string) => ENTITIES[e] ?? ' ');
  const allCapsWords = countMatches(ALL_CAPS_RE, raw);
  let text = raw.toLowerCase().replace(/[’‘`´]/g, "'");
  let elongated = 0;
  text = text.replace(ELONGATION_RE, (_m, c: string) => {
    elongated++;
    return c + c;
  });

  const words: string[] = [];
  const neg: number[] = [];
  const stats: TextStats = {
    length: raw.length, allCapsWords, elongated,
    exclamations: 0, questions: 0, urls: 0, mentions: 0, hashtags: 0, emoji: 0, startsWithMention: false,
  };
  let inNegation = false;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    let tok: string;
    let flag = 0;
    if (m[1] !== undefined) {
      tok = 'http';
      stats.urls++;
    } else if (m[2] !== undefined) {
      tok = '@user';
      if (words.length === 0) stats.startsWithMention = true;
      stats.mentions++;
    } else if (m[3] !== undefined) {
      tok = m[3];
      stats.hashtags++;
    } else if (m[4] !== undefined) {
      tok = m[4].replace(/[-o*'^]/g, '');
    } else if (m[5] !== undefined) {
      tok = m[5];
      if (inNegation) flag = 1;
      else if (isNegator(tok)) inNegation = true;
    } else if (m[6] !== undefined) {
      tok = m[6];
      stats.emoji++;
    } else if (m[7] !== undefined) {
      tok = m[7].length > 1 ? (m[7].includes('?') ? (m[7].includes('!') ? '?!' : '??') : '!!') : m[7];
      if (tok.includes('!')) stats.exclamations++;
      if (tok.includes('?')) stats.questions++;
      inNegation = false;
    } else {
      tok = m[8] !== undefined ? '...' : (m[9] ?? '.');
      inNegation = false;
    }
    words.push(tok);
    neg.push(flag);
  }
  return { words, negated: Uint8Array.from(neg), norm: ` ${words.join(' ')} `, stats };
};

/**
 * Splitting a reply that is too long for one post into a numbered thread, each part within the
 * network's limit as the network counts it. Shared with the Mastodon connector; it belongs in a
 * shared channels/text helper once there is one.
 */
export type Measure = (text: string) => number;

export const codePointLength: Measure = (text) => [...text].length;

/**
 * X's weighted length (twitter-text v3 configuration): code points in the Latin, general
 * punctuation and similar ranges weigh 1, everything else (CJK, emoji) 2, and every URL counts as
 * 23 whatever its length. Emoji sequences are counted per code point, which over-counts: safe.
 */
const LIGHT_RANGES: [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const URL_RE = /https?:\/\/\S+/g;
export const T_CO_LENGTH = 23;

export const xWeightedLength: Measure = (text) => {
  let weight = 0;
  const withoutUrls = text.replace(URL_RE, () => {
    weight += T_CO_LENGTH;
    return '';
  });
  for (const ch of withoutUrls) {
    const cp = ch.codePointAt(0) ?? 0;
    weight += LIGHT_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2;
  }
  return weight;
};

/**
 * One part when it fits; otherwise parts broken at spaces (a word longer than a part is cut),
 * each ending ` (i/n)`. `prefix` (a Mastodon @mention) starts every part and counts toward it.
 */
export const splitForThread = (text: string, maxLength: number, measure: Measure = codePointLength, prefix = ''): string[] => {
  const body = text.trim();
  if (measure(prefix + body) <= maxLength) return [prefix + body];
  // Room for the widest counter this split could need, e.g. " (12/12)".
  let parts: string[] = [];
  for (let digits = 1; digits <= 4; digits++) {
    const budget = maxLength - measure(prefix) - measure(` (${'9'.repeat(digits)}/${'9'.repeat(digits)})`);
    if (budget < 10) throw new RangeError(`maxLength ${maxLength} leaves no room for text`);
    parts = pack(body, budget, measure);
    if (String(parts.length).length <= digits) break;
  }
  return parts.map((part, i) => `${prefix}${part} (${i + 1}/${parts.length})`);
};

const pack = (text: string, budget: number, measure: Measure): string[] => {
  const parts: string[] = [];
  let current = '';
  for (const word of text.split(/(\s+)/)) {
    if (word === '') continue;
    const candidate = current + word;
    if (measure(candidate.trim()) <= budget) {
      current = candidate;
      continue;
    }
    if (current.trim()) parts.push(current.trim());
    current = /^\s+$/.test(word) ? '' : word;
    // A single word longer than a part: cut it.
    while (measure(current) > budget) {
      const chars = [...current];
      let cut = chars.length;
      while (cut > 1 && measure(chars.slice(0, cut).join('')) > budget) cut--;
      parts.push(chars.slice(0, cut).join(''));
      current = chars.slice(cut).join('');
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
};

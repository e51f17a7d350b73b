/**
 * Splits a reply too long for one Bluesky post into a numbered self-thread. A post holds at most
 * 300 graphemes (what a reader sees as characters) and 3000 UTF-8 bytes. Breaks fall, by
 * preference, on a paragraph, then a sentence end, then a space, in the last half of the room a
 * post has; a word longer than a post is cut. Each part ends with " (i/n)".
 */
export const POST_MAX_GRAPHEMES = 300;
export const POST_MAX_BYTES = 3000;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (s) => s.segment);

export const graphemeLength = (text: string): number => graphemes(text).length;

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Room kept for the " (12/34)" marker. */
const MARKER_ROOM = 8;

const fits = (text: string, maxGraphemes: number): boolean =>
  graphemeLength(text) <= maxGraphemes && byteLength(text) <= POST_MAX_BYTES;

export const splitForThread = (text: string, maxGraphemes = POST_MAX_GRAPHEMES): string[] => {
  const trimmed = text.trim();
  if (fits(trimmed, maxGraphemes)) return trimmed ? [trimmed] : [];
  const budget = maxGraphemes - MARKER_ROOM;
  const g = graphemes(trimmed);
  const parts: string[] = [];
  let start = 0;
  while (start < g.length) {
    while (start < g.length && /^\s+$/.test(g[start] ?? '')) start++;
    if (start >= g.length) break;
    let end = Math.min(g.length, start + budget);
    if (end < g.length) end = breakPoint(g, start, end);
    // Rare: graphemes of many bytes (long emoji sequences) can pass 3000 bytes under 300 graphemes.
    while (end - start > 1 && byteLength(g.slice(start, end).join('')) > POST_MAX_BYTES - MARKER_ROOM) end--;
    const part = g.slice(start, end).join('').trim();
    if (part) parts.push(part);
    start = end;
  }
  return parts.map((p, i) => `${p} (${i + 1}/${parts.length})`);
};

/** Where to end a part that starts at `start` and may run to `end` (exclusive). */
const breakPoint = (g: string[], start: number, end: number): number => {
  const half = start + Math.floor((end - start) / 2);
  const lastWhere = (test: (i: number) => boolean, from: number): number => {
    for (let i = end; i > from; i--) if (test(i)) return i;
    return -1;
  };
  const isSpace = (i: number) => /^\s+$/.test(g[i] ?? '');
  const paragraph = lastWhere((i) => g[i] === '\n' && g[i - 1] === '\n', half);
  if (paragraph > 0) return paragraph;
  const sentence = lastWhere((i) => isSpace(i) && /[.!?…]$/.test(g[i - 1] ?? ''), half);
  if (sentence > 0) return sentence;
  const space = lastWhere(isSpace, start);
  if (space > start) return space;
  return end;
};

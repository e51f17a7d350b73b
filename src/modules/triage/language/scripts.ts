/**
 * Which writing system a text is in, by code point ranges. Scripts used by one major language
 * decide it outright; Latin, Cyrillic, Arabic and Devanagari go on to the trigram profiles.
 */
export type ScriptName =
  | 'Latin' | 'Cyrillic' | 'Arabic' | 'Devanagari' | 'Han' | 'Kana' | 'Hangul' | 'Greek' | 'Hebrew' | 'Thai'
  | 'Georgian' | 'Armenian' | 'Bengali' | 'Gurmukhi' | 'Gujarati' | 'Tamil' | 'Telugu' | 'Kannada' | 'Malayalam'
  | 'Sinhala' | 'Khmer' | 'Lao' | 'Myanmar' | 'Ethiopic';

/** [first, last, script] sorted by first code point */
const RANGES: [number, number, ScriptName][] = [
  [0x41, 0x5a, 'Latin'], [0x61, 0x7a, 'Latin'], [0xc0, 0x24f, 'Latin'], [0x370, 0x3ff, 'Greek'],
  [0x400, 0x52f, 'Cyrillic'], [0x530, 0x58f, 'Armenian'], [0x590, 0x5ff, 'Hebrew'], [0x600, 0x6ff, 'Arabic'],
  [0x750, 0x77f, 'Arabic'], [0x900, 0x97f, 'Devanagari'], [0x980, 0x9ff, 'Bengali'], [0xa00, 0xa7f, 'Gurmukhi'],
  [0xa80, 0xaff, 'Gujarati'], [0xb80, 0xbff, 'Tamil'], [0xc00, 0xc7f, 'Telugu'], [0xc80, 0xcff, 'Kannada'],
  [0xd00, 0xd7f, 'Malayalam'], [0xd80, 0xdff, 'Sinhala'], [0xe00, 0xe7f, 'Thai'], [0xe80, 0xeff, 'Lao'],
  [0x1000, 0x109f, 'Myanmar'], [0x10a0, 0x10ff, 'Georgian'], [0x1100, 0x11ff, 'Hangul'], [0x1200, 0x139f, 'Ethiopic'],
  [0x1780, 0x17ff, 'Khmer'], [0x1e00, 0x1eff, 'Latin'], [0x1f00, 0x1fff, 'Greek'], [0x3040, 0x30ff, 'Kana'],
  [0x3130, 0x318f, 'Hangul'], [0x3400, 0x4dbf, 'Han'], [0x4e00, 0x9fff, 'Han'], [0xac00, 0xd7af, 'Hangul'],
  [0xf900, 0xfaff, 'Han'], [0xfb50, 0xfdff, 'Arabic'], [0xfe70, 0xfeff, 'Arabic'],
];

/** Languages decided by their script alone (ISO 639-1). */
export const SCRIPT_LANGUAGE: Partial<Record<ScriptName, string>> = {
  Han: 'zh', Kana: 'ja', Hangul: 'ko', Greek: 'el', Hebrew: 'he', Thai: 'th', Georgian: 'ka', Armenian: 'hy',
  Bengali: 'bn', Gurmukhi: 'pa', Gujarati: 'gu', Tamil: 'ta', Telugu: 'te', Kannada: 'kn', Malayalam: 'ml',
  Sinhala: 'si', Khmer: 'km', Lao: 'lo', Myanmar: 'my', Ethiopic: 'am',
};

export const scriptOf = (code: number): ScriptName | undefined => {
  if (code < 0x41) return undefined;
  let lo = 0;
  let hi = RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = RANGES[mid]!;
    if (code < r[0]) hi = mid - 1;
    else if (code > r[1]) lo = mid + 1;
    else return r[2];
  }
  return undefined;
};

/** Letters per script in the text (ignoring links and @mentions, which are mostly Latin noise). */
export const countScripts = (text: string): Map<ScriptName, number> => {
  const counts = new Map<ScriptName, number>();
  let ascii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) ascii++;
      continue;
    }
    const s = scriptOf(c);
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  if (ascii) counts.set('Latin', (counts.get('Latin') ?? 0) + ascii);
  return counts;
};

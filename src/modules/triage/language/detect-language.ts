/**
 * Language identification for short social text, in a few microseconds.
 * 1. The dominant script decides languages that own their script (Japanese kana beats Han).
 * 2. Latin, Cyrillic, Arabic and Devanagari text is scored against character-trigram profiles
 *    (models/language.json): each trigram adds log p(trigram | language) under a Zipf model of the
 *    profile's ranks, and letters only one or two languages use (ñ, ş, ё, ї, ß, ł …) add a bonus.
 *    Too little text, or two languages too close, gives `und` with a low confidence.
 * Trigrams live in an open-addressing table keyed by their three code units: no strings are built.
 */
import { countScripts, SCRIPT_LANGUAGE, type ScriptName } from './scripts.ts';
import { hashStep, finalize } from '../text/hash.ts';

export interface LanguageProfilesJson {
  format: 'lookout-language/1';
  profiles: Record<string, Record<string, string>>;
}

export interface LanguageGuess {
  /** ISO 639-1, or `und` when it cannot tell */
  language: string;
  confidence: number;
}

interface ScriptTable {
  languages: string[];
  mask: number;
  /** slot → the trigram's code units packed as (a<<16|b, c), and its row in `scores` (-1 = empty) */
  keyAB: Int32Array;
  keyC: Int32Array;
  row: Int32Array;
  /** row r's entries are [rowStart[r], rowStart[r+1]): a language and its log-probability above the floor */
  rowStart: Int32Array;
  entryLang: Uint8Array;
  entryScore: Float32Array;
  prior: Float32Array;
  hints: Map<number, Float32Array>;
  words: Map<string, Float32Array>;
}

const RANK_OFFSET = 10;
const FLOOR_RANK = 3000;
/** common languages of social customer care win near ties */
const PRIOR: Record<string, number> = { en: 3, es: 1.5, pt: 1, fr: 1, de: 1, it: 0.5, ru: 1, ar: 1 };
const MIN_LETTERS = 8;
const MAX_SAMPLE = 240;
const HINT_BONUS = 4;
/** letters that point to one language (or a few) in their script */
const LETTER_HINTS: Record<string, string[]> = {
  ñ: ['es'], '¿': ['es'], '¡': ['es'], ã: ['pt'], õ: ['pt'], ç: ['pt', 'fr', 'ca', 'tr', 'sq'], ß: ['de'],
  ş: ['tr', 'ro'], ğ: ['tr'], ı: ['tr'], ø: ['da', 'no'], æ: ['da', 'no'], å: ['sv', 'da', 'no'],
  ä: ['sv', 'fi', 'de', 'et'], ö: ['sv', 'fi', 'de', 'tr', 'hu', 'et'], ő: ['hu'], ű: ['hu'], ł: ['pl'],
  ą: ['pl', 'lt'], ę: ['pl', 'lt'], ś: ['pl'], ź: ['pl'], ż: ['pl'], ń: ['pl'], ř: ['cs'], ů: ['cs'], ě: ['cs'],
  ț: ['ro'], ș: ['ro'], ă: ['ro', 'vi'], đ: ['hr', 'vi'], ơ: ['vi'], ư: ['vi'], ạ: ['vi'], ả: ['vi'], ế: ['vi'],
  ё: ['ru', 'be'], ы: ['ru', 'be'], э: ['ru', 'be'], ъ: ['ru', 'bg'], і: ['uk', 'be', 'kk'], ї: ['uk'],
  є: ['uk'], ґ: ['uk'], ў: ['be'], ә: ['kk'], ғ: ['kk'], қ: ['kk'], ң: ['kk'], ү: ['kk'], ұ: ['kk'], ј: ['sr', 'mk'],
  ђ: ['sr'], ћ: ['sr'], ѓ: ['mk'], ќ: ['mk'], پ: ['fa', 'ur'], چ: ['fa', 'ur'], گ: ['fa', 'ur'], ی: ['fa', 'ur'],
  ٹ: ['ur'], ڈ: ['ur'], ڑ: ['ur'], ے: ['ur'], ں: ['ur'], ة: ['ar'], ى: ['ar'],
};

/** frequent short words: for a tweet they say more than UDHR trigram ranks do */
const WORD_HINTS: Record<string, string> = {
  en: 'the and you is are my not with this that have for it\'s was what just your can don\'t been still of in on it ' +
    'at we be get will i\'m im they he she his her our us why how when there their would should could has had ' +
    'today please thanks thank like now new got out up all if about from who an or but was were',
  es: 'el la los las que de en y es por para pero muy mi no se lo una con del está todavía nadie',
  pt: 'o os que não é um uma com para meu minha você está do da mas muito ainda ninguém',
  fr: 'le la les et est une des pas que je mon ma vous avec pour sur ce qui toujours',
  de: 'der die das und ist nicht ich mein meine mit ein eine sie auf für noch',
  it: 'il lo gli che non è di un una per sono mio mia con della ancora',
  nl: 'de het een en niet van ik mijn is nog dat op met voor je steeds',
  sv: 'och att det som är inte jag min har på för med en ett fortfarande',
  da: 'og at det som er ikke jeg min har på for med en et stadig',
  no: 'og at det som er ikke jeg min har på for med en et fortsatt',
  fi: 'ja on ei se että minun ole vielä mutta kun',
  pl: 'i w nie jest się na że to z do mój moja jeszcze nadal',
  tr: 've bir bu için değil de da ne ben hala hâlâ çok',
  id: 'dan yang di ini itu tidak saya ke dari belum sudah juga',
  cs: 'a je se na že to v není jsem můj stále ještě',
  ru: 'и в не что это я мой на с как он она уже ещё до пор',
  uk: 'і в не що це я мій на з як він вона вже ще до досі',
};
const WORD_BONUS = 3;

export const UNDETERMINED: LanguageGuess = Object.freeze({ language: 'und', confidence: 0 });

const slotOf = (a: number, b: number, c: number, mask: number): number =>
  finalize(hashStep(hashStep(hashStep(0x9747b28c, a), b), c)) & mask;

const buildTable = (profiles: Record<string, string>): ScriptTable => {
  const languages = Object.keys(profiles);
  const K = languages.length;
  const size = 1 << Math.ceil(Math.log2(K * 300 * 2 + 1));
  const t: ScriptTable = {
    languages, mask: size - 1, keyAB: new Int32Array(size), keyC: new Int32Array(size), row: new Int32Array(size).fill(-1),
    rowStart: new Int32Array(0), entryLang: new Uint8Array(0), entryScore: new Float32Array(0), prior: Float32Array.from(languages, (l) => PRIOR[l] ?? 0), hints: new Map(), words: new Map(),
  };
  const rows: Float32Array[] = [];
  languages.forEach((lang, li) => {
    profiles[lang]!.split('|').forEach((tri, rank) => {
      const a = tri.charCodeAt(0);
      const b = tri.charCodeAt(1);
      const c = tri.charCodeAt(2);
      let s = slotOf(a, b, c, t.mask);
      while (t.row[s]! >= 0 && !(t.keyAB[s] === ((a << 16) | b) && t.keyC[s] === c)) s = (s + 1) & t.mask;
      if (t.row[s]! < 0) {
        t.row[s] = rows.length;
        t.keyAB[s] = (a << 16) | b;
        t.keyC[s] = c;
        rows.push(new Float32Array(K));
      }
      rows[t.row[s]!]![li] = Math.log((FLOOR_RANK + RANK_OFFSET) / (rank + RANK_OFFSET));
    });
  });
  // sparse rows: a trigram is in the top 300 of only a few languages
  t.rowStart = new Int32Array(rows.length + 1);
  const langs: number[] = [];
  const vals: number[] = [];
  rows.forEach((r, i) => {
    t.rowStart[i] = langs.length;
    r.forEach((v, k) => {
      if (v !== 0) {
        langs.push(k);
        vals.push(v);
      }
    });
  });
  t.rowStart[rows.length] = langs.length;
  t.entryLang = Uint8Array.from(langs);
  t.entryScore = Float32Array.from(vals);
  for (const [letter, langs] of Object.entries(LETTER_HINTS)) {
    const bonus = Float32Array.from(languages, (l) => (langs.includes(l) ? HINT_BONUS / langs.length : 0));
    if (bonus.some((x) => x > 0)) t.hints.set(letter.charCodeAt(0), bonus);
  }
  const wordLangs = new Map<string, string[]>();
  for (const [lang, list] of Object.entries(WORD_HINTS)) {
    if (!languages.includes(lang)) continue;
    for (const w of list.split(' ')) wordLangs.set(w, [...(wordLangs.get(w) ?? []), lang]);
  }
  for (const [w, langs] of wordLangs)
    t.words.set(w, Float32Array.from(languages, (l) => (langs.includes(l) ? WORD_BONUS / langs.length : 0)));
  return t;
};

const round = (x: number): number => Math.round(x * 1000) / 1000;

export type LanguageDetector = (cleanText: string) => LanguageGuess;

/**
 * Returns a detector over cleaned text: lower case, words separated by single spaces, links,
 * @mentions, hashtags, digits and punctuation already removed (see `languageText`).
 */
export const buildLanguageDetector = (json: LanguageProfilesJson): LanguageDetector => {
  const tables = new Map<string, ScriptTable>();
  for (const [script, profiles] of Object.entries(json.profiles)) tables.set(script, buildTable(profiles));
  const scores = new Float64Array(64);

  const EN = (tables.get('Latin')?.languages ?? []).indexOf('en');

  const scoreTrigrams = (t: ScriptTable, text: string): LanguageGuess => {
    const K = t.languages.length;
    for (let k = 0; k < K; k++) scores[k] = 0;
    // function words first: when English ones clearly lead, the trigrams would only agree (most
    // traffic is English, so this saves most of the time)
    let enWords = 0;
    if (t.words.size) {
      for (const w of text.split(' ')) {
        const bonus = t.words.get(w);
        if (!bonus) continue;
        for (let k = 0; k < K; k++) scores[k]! += bonus[k]!;
        if (EN >= 0 && bonus[EN]! >= WORD_BONUS) enWords++;
      }
    }
    if (EN >= 0 && t.languages[EN] === 'en' && enWords >= 3) {
      let rival = 0;
      for (let k = 0; k < K; k++) if (k !== EN && scores[k]! > rival) rival = scores[k]!;
      if (scores[EN]! - rival >= 3 * WORD_BONUS) return { language: 'en', confidence: round(Math.min(0.99, 0.6 + 0.08 * enWords)) };
    }
    for (let k = 0; k < K; k++) scores[k]! += t.prior[k]!;
    let n = 0;
    let a = 32;
    let b = text.charCodeAt(0);
    for (let i = 1; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      n++;
      let s = slotOf(a, b, c, t.mask);
      for (;;) {
        const r = t.row[s]!;
        if (r < 0) break;
        if (t.keyAB[s] === ((a << 16) | b) && t.keyC[s] === c) {
          for (let e = t.rowStart[r]!, end = t.rowStart[r + 1]!; e < end; e++) scores[t.entryLang[e]!]! += t.entryScore[e]!;
          break;
        }
        s = (s + 1) & t.mask;
      }
      if (b >= 0xa1) {
        const hint = t.hints.get(b);
        if (hint) for (let k = 0; k < K; k++) scores[k]! += hint[k]!;
      }
      a = b;
      b = c;
    }
    let best = 0;
    let second = -1;
    for (let k = 1; k < K; k++) {
      if (scores[k]! > scores[best]!) {
        second = best;
        best = k;
      } else if (second < 0 || scores[k]! > scores[second]!) second = k;
    }
    const margin = second >= 0 ? scores[best]! - scores[second]! : scores[best]!;
    // confidence grows with the lead and with the amount of text
    const confidence = round((1 - Math.exp(-margin / 6)) * Math.min(1, n / 40));
    if (confidence < 0.05) return { language: 'und', confidence };
    return { language: t.languages[best]!, confidence };
  };

  return (input: string): LanguageGuess => {
    // a tweet's worth of words is plenty; longer text only costs time
    const text = input.length > MAX_SAMPLE ? input.slice(0, input.lastIndexOf(' ', MAX_SAMPLE) + 1 || MAX_SAMPLE).trimEnd() : input;
    const counts = countScripts(text);
    let script: ScriptName | undefined;
    let letters = 0;
    let top = 0;
    for (const [s, c] of counts) {
      letters += c;
      if (c > top) {
        script = s;
        top = c;
      }
    }
    if (counts.get('Kana')) script = 'Kana';
    if (!script || letters < 2) return UNDETERMINED;
    const direct = SCRIPT_LANGUAGE[script];
    if (direct) return { language: direct, confidence: round(Math.min(1, letters / 10) * 0.95) };
    if (letters < MIN_LETTERS) return { language: 'und', confidence: 0.05 };
    const table = tables.get(script);
    return table ? scoreTrigrams(table, text) : UNDETERMINED;
  };
};

const MAX_LANGUAGE_WORDS = 80;

/** true when a token has a letter and is not a link, @user, #tag or emoji: cheap checks, no regex */
const isLanguageWord = (w: string): boolean => {
  const c0 = w.charCodeAt(0);
  if (c0 === 35 || c0 === 64 || w === 'http') return false; // # @
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 0xc0 && c < 0x2000) || (c >= 0x3040 && c < 0xd800) || (c >= 0xf900 && c < 0xfff0)) return true;
  }
  return false;
};

/** The words of a tokenised text that say something about its language, joined by spaces. */
export const languageText = (words: readonly string[]): string => {
  const kept: string[] = [];
  for (const w of words) {
    if (kept.length === MAX_LANGUAGE_WORDS) break;
    if (w.length > 0 && isLanguageWord(w)) kept.push(w);
  }
  return kept.join(' ');
};

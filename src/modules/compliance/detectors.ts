/**
 * Detectors of personal and account data in a reply's text. Pure; each returns the spans it
 * found. They lean towards finding too much (an agent can acknowledge a warning) but not so much
 * that order numbers and dates cry wolf: card numbers must pass the Luhn check, IBANs their
 * mod-97 checksum, bare digit runs count only when labelled as an account.
 */

export interface Span {
  start: number;
  end: number;
  text: string;
}

const spansOf = (text: string, re: RegExp, group = 0): Span[] => {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    const value = m[group];
    if (value === undefined) continue;
    const start = m.index + (group ? m[0].indexOf(value) : 0);
    out.push({ start, end: start + value.length, text: value });
  }
  return out;
};

const digitsOf = (s: string): string => s.replace(/\D/g, '');

/** The Luhn checksum every payment card number satisfies. */
export const luhnValid = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};

// 13 to 19 digits, optionally grouped by single spaces or dashes, not inside a longer number.
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])/g;

export const findCardNumbers = (text: string): Span[] =>
  spansOf(text, CARD).filter((s) => {
    const d = digitsOf(s.text);
    return d.length >= 13 && d.length <= 19 && !/^(\d)\1+$/.test(d) && luhnValid(d);
  });

/** ISO 13616: move the country and check digits to the end, letters to numbers, remainder mod 97 is 1. */
export const ibanValid = (iban: string): boolean => {
  const s = iban.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) rem = (rem * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
};

// Printed in groups of four (or not at all), in capitals as banks print them.
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
// "account 12345678", "acct no. 1234-5678-90", "a/c #: 00123456", "sort code 12-34-56", "routing number 021000021".
const LABELLED_ACCOUNT = /\b(?:account|acct|a\/c|routing|sort[ -]code|bank[ -]account|iban|bsb)(?:[ .]*(?:no\.?|number|num|#))?[ .]*[:#]?[ ]*((?:\d[ -]?){5,33}\d)\b/gi;

export const findAccountNumbers = (text: string): Span[] => {
  const ibans = spansOf(text, IBAN).filter((s) => ibanValid(s.text));
  const labelled = spansOf(text, LABELLED_ACCOUNT, 1).filter((s) => !ibans.some((i) => overlaps(i, s)));
  return [...ibans, ...labelled];
};

const EMAIL = /[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b/g;

export const findEmails = (text: string): Span[] => spansOf(text, EMAIL);

// A candidate: optional +, then digits with spaces, dots, dashes or one pair of parentheses between them.
const PHONE_CANDIDATE = /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d[\d .-]{5,16}\d(?![\w])/g;
const DATE_LIKE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/;

/**
 * International (+33 6 12 34 56 78, +1-555-123-4567) and national numbers ((555) 123-4567,
 * 555-123-4567, 06 12 34 56 78, 020 7946 0958). A bare run of digits is not taken for a phone
 * number (it is more often an order number), nor is a date.
 */
export const findPhones = (text: string): Span[] =>
  spansOf(text, PHONE_CANDIDATE)
    .map((s) => trimSpan(s))
    .filter((s) => {
      const d = digitsOf(s.text);
      if (d.length < 7 || d.length > 15 || DATE_LIKE.test(s.text)) return false;
      if (s.text.startsWith('+')) return d.length >= 8;
      const groups = s.text.split(/[ .()-]+/).filter(Boolean);
      if (groups.length < 2) return false;
      if (s.text.startsWith('(')) return true;
      // Several groups: national formats have 2 to 5 groups, no group longer than 4 digits after the first.
      return groups.length <= 6 && groups.slice(1).every((g) => g.length >= 2 && g.length <= 4) && groups[0]!.length <= 5 && d.length >= 9;
    });

const trimSpan = (s: Span): Span => {
  const lead = s.text.length - s.text.trimStart().length;
  const t = s.text.trim().replace(/[ .-]+$/, '');
  return { start: s.start + lead, end: s.start + lead + t.length, text: t };
};

const caseless = (words: string[]) => words.map((w) => `[${w[0]!.toUpperCase()}${w[0]!.toLowerCase()}]${w.slice(1).replace('.', '\\.')}`).join('|');
const STREET_WORDS = caseless(['street', 'st.', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'lane', 'ln', 'drive', 'dr', 'court', 'ct', 'way', 'place', 'pl', 'terrace', 'close', 'square', 'highway', 'hwy', 'parkway', 'crescent']);
// "221B Baker Street", "1600 Pennsylvania Ave": a number, one to four capitalised words, a street word.
const ENGLISH_STREET = new RegExp(`\\b\\d{1,5}[A-Za-z]?,?\\s+(?:[A-Z][\\w'’.-]*\\s+){1,4}(?:${STREET_WORDS})\\b\\.?`, 'g');
// "12 rue de la Paix", "3 bis, avenue Foch", "7 calle Mayor".
const ROMANCE_STREET = /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|allée|chemin|impasse|quai|calle|via|piazza|rua)\s+(?:[\p{L}'’-]+\s?){1,5}/giu;
// "Hauptstraße 5", "Kirchweg 12a".
const GERMAN_STREET = /\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|damm|ring)\s+\d{1,4}[a-z]?\b/gu;
// UK postcodes ("SW1A 1AA") and US state + ZIP ("Springfield, IL 62704").
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b/g;
const US_STATE_ZIP = /\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b/g;

export const findAddresses = (text: string): Span[] =>
  mergeOverlapping([ENGLISH_STREET, ROMANCE_STREET, GERMAN_STREET, UK_POSTCODE, US_STATE_ZIP].flatMap((re) => spansOf(text, re).map(trimSpan)));

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

const mergeOverlapping = (spans: Span[]): Span[] => {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) if (!out.some((o) => overlaps(o, s))) out.push(s);
  return out;
};

/**
 * Readers for the public data sets in ../shared/data (see its README). Used by the training and
 * eval scripts only; nothing here runs in the request path. The folder is `$LOOKOUT_SHARED_DATA`,
 * else `../shared/data` next to the repository.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from './csv.ts';

export interface LabelledText {
  text: string;
  label: string;
}

const findRepoRoot = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'models'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
};

export const sharedDataDir = (): string =>
  process.env.LOOKOUT_SHARED_DATA ?? path.resolve(findRepoRoot(), '../shared/data');

const read = (...parts: string[]): string => readFileSync(path.join(sharedDataDir(), ...parts), 'utf8');

/** SemEval tsv files escape some characters as \uXXXX; the TweetEval split does not. */
const unescapeSemeval = (s: string): string =>
  s.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/^"(.*)"$/s, '$1');

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;

/** SemEval 2013–2016 task 4A, every tsv file, deduplicated by text. */
export const loadSemevalTrain = (): LabelledText[] => {
  const dir = path.join(sharedDataDir(), 'sentiment-semeval');
  const seen = new Set<string>();
  const out: LabelledText[] = [];
  for (const file of readdirSync(dir).filter((f) => /^twitter-201[3-6].*\.tsv$/.test(f)).sort()) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const [, label, ...rest] = line.split('\t');
      const text = unescapeSemeval(rest.join(' ').trim());
      if (!label || !text || !(SENTIMENT_LABELS as readonly string[]).includes(label)) continue;
      const key = dedupeKey(text);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ text, label });
    }
  }
  return out;
};

/** TweetEval sentiment validation split. */
export const loadSemevalVal = (): LabelledText[] => {
  const texts = read('sentiment-semeval', 'val_text.txt').split('\n');
  const labels = read('sentiment-semeval', 'val_labels.txt').split('\n');
  const out: LabelledText[] = [];
  labels.forEach((l, i) => {
    const label = SENTIMENT_LABELS[Number(l)];
    if (l.trim() !== '' && label) out.push({ text: texts[i] ?? '', label });
  });
  return out;
};

/**
 * A key that matches the same tweet across SemEval and TweetEval spellings (TweetEval turned
 * users into @user and trimmed quotes): lower case, users and links masked, letters and digits only.
 */
export const dedupeKey = (text: string): string =>
  unescapeSemeval(text)
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@\w+/g, '@user')
    .replace(/[^\p{L}\p{N}@]+/gu, '');

export const loadComplaints = (): (LabelledText & { domain: string })[] =>
  parseCsvRecords(read('complaints', 'complaints_dev.csv')).map((r) => ({
    text: r.text ?? '',
    label: r.is_complaint === '1' ? 'complaint' : 'not_complaint',
    domain: r.domain ?? '',
  }));

export const loadBanking77 = (): LabelledText[] =>
  parseCsvRecords(read('intent-banking77', 'train.csv')).map((r) => ({ text: r.text ?? '', label: r.category ?? '' }));

export interface Clinc150 {
  train: LabelledText[];
  val: LabelledText[];
  oosTrain: LabelledText[];
  oosVal: LabelledText[];
}

export const loadClinc150 = (): Clinc150 => {
  const j = JSON.parse(read('intent-clinc150', 'clinc150_train_val.json')) as Record<string, [string, string][]>;
  const conv = (rows: [string, string][] | undefined): LabelledText[] => (rows ?? []).map(([text, label]) => ({ text, label }));
  return { train: conv(j.train), val: conv(j.val), oosTrain: conv(j.oos_train), oosVal: conv(j.oos_val) };
};

export interface TwcsTweet {
  id: string;
  authorId: string;
  inbound: boolean;
  text: string;
  inResponseTo: string;
}

export const loadTwcs = (): TwcsTweet[] =>
  parseCsvRecords(read('twcs', 'twcs_first5000.csv')).map((r) => ({
    id: r.tweet_id ?? '', authorId: r.author_id ?? '', inbound: r.inbound === 'True', text: r.text ?? '',
    inResponseTo: r.in_response_to_tweet_id ?? '',
  }));

/** CrisisLexT6 tweets (all six crises), unlabelled use: general, non-support Twitter text. */
export const loadCrisisLex = (): LabelledText[] => {
  const dir = path.join(sharedDataDir(), 'crisislex-t6');
  const out: LabelledText[] = [];
  for (const sub of readdirSync(dir).filter((d) => /^\d{4}_/.test(d)).sort()) {
    for (const file of readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.csv'))) {
      for (const r of parseCsvRecords(readFileSync(path.join(dir, sub, file), 'utf8')))
        out.push({ text: r.tweet ?? '', label: (r.label ?? '').trim() });
    }
  }
  return out;
};

/**
 * Drops every training text that is (or starts like) one of the held-out texts, so a validation
 * tweet never leaks into training under another spelling.
 */
export const withoutHeldOut = <T extends { text: string }>(train: T[], heldOut: readonly { text: string }[]): T[] => {
  const PREFIX = 30;
  const keys = new Set<string>();
  const prefixes = new Set<string>();
  for (const h of heldOut) {
    const k = dedupeKey(h.text);
    keys.add(k);
    if (k.length >= PREFIX) prefixes.add(k.slice(0, PREFIX));
  }
  return train.filter((t) => {
    const k = dedupeKey(t.text);
    return !keys.has(k) && !(k.length >= PREFIX && prefixes.has(k.slice(0, PREFIX)));
  });
};

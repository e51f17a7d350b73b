import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Readers for the real data the detection evaluation embeds: the CrisisLexT6 crises (tweet
 * times rebuilt from the snowflake ids) and other real tweet text for the background.
 * Data is read from ../shared/data (or LOOKOUT_SHARED_DATA), never copied into the repo.
 */

export const sharedDataDir = (): string =>
  process.env.LOOKOUT_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data');

/** Twitter snowflake id to milliseconds since the epoch. */
export const snowflakeMs = (id: string): number => Number((BigInt(id) >> 22n) + 1288834974657n);

export interface CrisisTweet {
  id: string;
  text: string;
  atMs: number;
  isOnTopic: boolean;
}

const CRISIS_ROW = /^'(\d+)',(.*),(on-topic|off-topic)\s*$/;

export const listCrises = (): string[] =>
  readdirSync(path.join(sharedDataDir(), 'crisislex-t6'))
    .filter((name) => /^\d{4}_/.test(name))
    .sort();

export const readCrisis = (name: string): CrisisTweet[] => {
  const file = path.join(sharedDataDir(), 'crisislex-t6', name, `${name}-ontopic_offtopic.csv`);
  const tweets: CrisisTweet[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const match = CRISIS_ROW.exec(line);
    if (!match) continue;
    const [, id, quoted, label] = match;
    const text = quoted!.startsWith('"') && quoted!.endsWith('"') ? quoted!.slice(1, -1).replaceAll('""', '"') : quoted!;
    tweets.push({ id: id!, text, atMs: snowflakeMs(id!), isOnTopic: label === 'on-topic' });
  }
  return tweets.sort((a, b) => a.atMs - b.atMs);
};

/** Tweet texts from SemEval sentiment (all years) and the customers' side of TWCS. */
export const readBackgroundTexts = (): string[] => {
  const semevalDir = path.join(sharedDataDir(), 'sentiment-semeval');
  const texts: string[] = [];
  for (const file of readdirSync(semevalDir).filter((f) => f.endsWith('-A.tsv')).sort()) {
    for (const line of readFileSync(path.join(semevalDir, file), 'utf8').split('\n')) {
      const text = line.split('\t')[2]?.trim();
      if (text) texts.push(text);
    }
  }
  const twcs = parseCsv(readFileSync(path.join(sharedDataDir(), 'twcs', 'twcs_first5000.csv'), 'utf8'));
  const header = twcs[0] ?? [];
  const inbound = header.indexOf('inbound');
  const textColumn = header.indexOf('text');
  for (const row of twcs.slice(1)) {
    if (row[inbound] === 'True' && row[textColumn]) texts.push(row[textColumn]);
  }
  return [...new Set(texts)];
};

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export const parseCsv = (content: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    if (inQuotes) {
      if (c === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else field += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
};

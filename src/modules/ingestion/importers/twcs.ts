import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { AppError } from '../../../platform/errors/index.ts';
import type { InboundItem } from '../../channels/index.ts';
import type { ImportRow } from './run-import.ts';

/**
 * The Customer Support on Twitter (TWCS) CSV: `tweet_id,author_id,inbound,created_at,text,
 * response_tweet_id,in_response_to_tweet_id` (Kaggle's copy adds a leading index column).
 * Brand accounts are the rows with inbound=False; threads follow in_response_to_tweet_id.
 */
export const TWCS_COLUMNS = ['tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'response_tweet_id', 'in_response_to_tweet_id'] as const;

/** "3.0" → "3": pandas wrote the reply ids as floats. */
const tweetId = (s: string | undefined): string | null => {
  const t = (s ?? '').trim();
  if (!t) return null;
  return /^\d+(\.0+)?$/.test(t) ? t.replace(/\.0+$/, '') : null;
};

export type RowResult = { ok: true; item: InboundItem } | { ok: false; reason: string };

export const twcsRowToItem = (row: Record<string, string>): RowResult => {
  const id = tweetId(row.tweet_id);
  if (!id) return { ok: false, reason: `tweet_id "${row.tweet_id ?? ''}" is not a tweet id` };
  const author = (row.author_id ?? '').trim();
  if (!author) return { ok: false, reason: 'author_id is empty' };
  if (row.inbound !== 'True' && row.inbound !== 'False') return { ok: false, reason: `inbound must be True or False (got "${row.inbound ?? ''}")` };
  const at = new Date(row.created_at ?? '');
  if (Number.isNaN(at.getTime())) return { ok: false, reason: `created_at "${row.created_at ?? ''}" is not a date` };
  if (typeof row.text !== 'string') return { ok: false, reason: 'text is missing' };
  const parent = tweetId(row.in_response_to_tweet_id);
  if (row.in_response_to_tweet_id?.trim() && !parent) return { ok: false, reason: `in_response_to_tweet_id "${row.in_response_to_tweet_id}" is not a tweet id` };
  const isOwn = row.inbound === 'False';
  return {
    ok: true,
    item: {
      externalId: id,
      kind: parent ? 'reply' : 'post',
      visibility: 'public',
      text: row.text,
      authoredAt: at,
      author: { externalId: author, handle: author, displayName: null },
      inReplyTo: parent,
      isOwn,
      url: null,
      raw: row,
    },
  };
};

/** Streams a TWCS CSV file as import rows; a malformed row becomes an error row with its line number. */
export async function* readTwcsFile(file: string, bytesRead: { n: number } = { n: 0 }): AsyncIterable<ImportRow> {
  const input = createReadStream(file);
  input.on('data', (chunk) => (bytesRead.n += chunk.length));
  // relax_column_count: a row with the wrong number of fields is reported, not fatal.
  const parser = input.pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true, bom: true }));
  let header: string[] | null = null;
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = rec;
    if (!header) {
      header = record.map((h) => h.trim());
      const missing = TWCS_COLUMNS.filter((c) => !header!.includes(c));
      if (missing.length) throw new AppError('BAD_REQUEST', `${file} is not a TWCS file: missing columns ${missing.join(', ')}`);
      continue;
    }
    if (record.length === 1 && record[0] === '') {
      yield { line: info.lines, error: 'empty line' };
      continue;
    }
    if (record.length !== header.length) {
      yield { line: info.lines, error: `expected ${header.length} fields, found ${record.length}` };
      continue;
    }
    const row = Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
    const r = twcsRowToItem(row);
    yield r.ok ? { line: info.lines, item: r.item } : { line: info.lines, error: r.reason };
  }
}


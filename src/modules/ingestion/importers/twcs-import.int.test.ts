import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createTestDatabase, type TestDatabase } from '../../../platform/db/testing.ts';
import { schema } from '../../../platform/db/index.ts';
import { readTwcsFile, twcsRowToItem } from './twcs.ts';
import { runImport } from './run-import.ts';
import { makeRunner } from '../testing.ts';

const DATA = path.resolve(process.env.LOOKOUT_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data'), 'twcs/twcs_first5000.csv');

/**
 * What the file says, computed independently of the pipeline: a conversation is a reply chain
 * (connected by in_response_to_tweet_id) with at least one customer tweet; its messages are all
 * its tweets; customers are the distinct inbound authors.
 */
const expectedFromFile = (rows: Record<string, string>[]) => {
  const ids = new Set(rows.map((r) => r.tweet_id));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const r of rows) parent.set(r.tweet_id!, r.tweet_id!);
  for (const r of rows) {
    const p = (r.in_response_to_tweet_id ?? '').replace(/\.0$/, '');
    if (p && ids.has(p)) parent.set(find(r.tweet_id!), find(p));
  }
  const components = new Map<string, { inbound: number; size: number }>();
  for (const r of rows) {
    const c = components.get(find(r.tweet_id!)) ?? { inbound: 0, size: 0 };
    c.size++;
    if (r.inbound === 'True') c.inbound++;
    components.set(find(r.tweet_id!), c);
  }
  const withCustomer = [...components.values()].filter((c) => c.inbound > 0);
  return {
    conversations: withCustomer.length,
    messages: withCustomer.reduce((n, c) => n + c.size, 0),
    customers: new Set(rows.filter((r) => r.inbound === 'True').map((r) => r.author_id)).size,
    brandTweets: rows.filter((r) => r.inbound === 'False').length,
  };
};

describe('lookout import twcs', { skip: !existsSync(DATA) && `${DATA} is not there` }, () => {
  let t: TestDatabase;
  let workspaceId: string;
  let channelId: string;
  let rows: Record<string, string>[];

  before(async () => {
    t = await createTestDatabase();
    const [ws] = await t.db.system((tx) => tx.insert(schema.workspaces).values({ slug: 'twcs', name: 'TWCS' }).returning());
    workspaceId = ws!.id;
    const [ch] = await t.db.tenant(workspaceId, (tx) => tx.insert(schema.channels).values({ workspaceId, kind: 'import', name: 'TWCS', config: { network: 'x', followUps: false } }).returning());
    channelId = ch!.id;
    rows = (parse(readFileSync(DATA), { columns: true, relax_column_count: true, relax_quotes: true }) as Record<string, string>[]).filter((r) => twcsRowToItem(r).ok);
  });
  after(() => t.cleanup());

  it('rebuilds the customers, conversations and messages the file holds', async () => {
    const expected = expectedFromFile(rows);
    const stats = await runImport({ db: t.db, runner: makeRunner(t.db), workspaceId, channelId, rows: readTwcsFile(DATA), batchSize: 1000 });
    assert.equal(stats.added, rows.length);
    assert.equal(stats.customers, expected.customers);
    assert.equal(stats.conversations, expected.conversations);
    const count = async (sql: string) => Number((await t.db.exec(sql)).rows[0]!.n);
    assert.equal(await count('select count(*)::int as n from conversations'), expected.conversations);
    assert.equal(await count('select count(*)::int as n from customers'), expected.customers);
    assert.equal(await count('select count(*)::int as n from timeline_messages'), expected.messages);
    assert.equal(await count('select count(*)::int as n from messages'), 0, 'what was heard is stored once, as mentions');
    assert.equal(await count("select count(*)::int as n from timeline_messages where direction = 'outbound'"), await count('select count(*)::int as n from mentions where is_own and conversation_id is not null'));
    assert.equal(await count('select count(*)::int as n from mentions where is_own'), expected.brandTweets, 'brand accounts are the company side');
    // Figures for the record (they are what the file holds, asserted above).
    assert.deepEqual({ customers: 1443, conversations: expected.conversations }, { customers: expected.customers, conversations: stats.conversations });
  });

  it('is idempotent: importing again adds nothing', async () => {
    const again = await runImport({ db: t.db, runner: makeRunner(t.db), workspaceId, channelId, rows: readTwcsFile(DATA), batchSize: 1000 });
    assert.equal(again.added, 0);
    assert.equal(again.duplicates, rows.length);
  });
});

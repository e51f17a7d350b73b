import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing.ts';
import { EventBus } from '../../platform/events/index.ts';
import { acceptItems } from './accept.ts';
import { queueReplay } from './replay.ts';
import { defaultStages, type PipelineStages } from './stages.ts';
import { item, makeRunner, seedChannels } from './testing.ts';
import { PipelineRunner } from './pipeline-runner.ts';
import { FakeClock } from '../../platform/clock/index.ts';
import { silentLogger } from '../../platform/logger/index.ts';
import type { InboundItem } from '../channels/index.ts';

describe('ingestion pipeline', () => {
  let t: TestDatabase;
  let ws: Awaited<ReturnType<typeof seedChannels>>;
  const count = async (table: string, where = 'true') => Number((await t.db.exec(`select count(*)::int as n from ${table} where ${where}`)).rows[0]!.n);

  before(async () => {
    t = await createTestDatabase();
    ws = await seedChannels(t.db);
  });
  after(() => t.cleanup());

  it('stores raw items idempotently by channel + external id, before anything else', async () => {
    const a = item({ externalId: 'at://jo/1' });
    const r1 = await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [a, a] });
    const r2 = await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [a] });
    assert.deepEqual([r1.added, r1.duplicates, r2.added, r2.duplicates], [1, 1, 0, 1]);
    assert.equal(await count('raw_items', "status = 'pending'"), 1);
    assert.equal(await count('mentions'), 0, 'nothing beyond the raw store yet');
  });

  it('turns raw items into a mention, an identity, a customer and a conversation, and announces it', async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe(ws.workspaceId, (evs) => seen.push(...evs.map((e) => e.type)));
    const n = await makeRunner(t.db, defaultStages, bus).drain();
    assert.equal(n, 1);
    const m = (await t.db.exec(`select * from mentions where external_id = 'at://jo/1'`)).rows[0]!;
    assert.ok(m.conversation_id && m.identity_id);
    assert.equal(await count('customers'), 1);
    assert.equal(await count('customer_identities', "reason = 'first heard on bluesky'"), 1);
    assert.equal(await count('timeline_messages', `conversation_id = '${m.conversation_id}' and direction = 'inbound'`), 1);
    assert.equal(await count('raw_items', "status = 'done'"), 1);
    assert.deepEqual(seen, ['conversation.created']);
  });

  it('threads replies and same-author follow-ups, and a brand reply heard on the channel counts as the first response', async () => {
    const root = item({ externalId: 'at://jo/2', author: { externalId: 'did:plc:sam', handle: 'sam.bsky.social' } });
    const brand = item({ externalId: 'at://brand/1', inReplyTo: 'at://jo/2', isOwn: true, author: { externalId: 'did:plc:brand', handle: 'acme.com' }, authoredAt: new Date(root.authoredAt.getTime() + 60_000) });
    const again = item({ externalId: 'at://jo/3', inReplyTo: 'at://brand/1', author: { externalId: 'did:plc:sam', handle: 'sam.bsky.social' }, authoredAt: new Date(root.authoredAt.getTime() + 120_000) });
    const followUp = item({ externalId: 'at://jo/4', author: { externalId: 'did:plc:sam', handle: 'sam.bsky.social' }, text: 'also the app crashes when I open settings', authoredAt: new Date(root.authoredAt.getTime() + 3_600_000) });
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [root, brand, again, followUp] });
    await makeRunner(t.db).drain();
    const convs = (await t.db.exec(`select distinct conversation_id from mentions where external_id in ('at://jo/2','at://brand/1','at://jo/3','at://jo/4')`)).rows;
    assert.equal(convs.length, 1, 'one conversation');
    const c = (await t.db.exec(`select * from conversations where id = '${convs[0]!.conversation_id}'`)).rows[0]!;
    assert.ok(c.first_response_at, 'the brand reply set the first response');
    assert.equal(c.status, 'open', 'the customer wrote again after the brand reply');
    assert.equal(await count('timeline_messages', `conversation_id = '${c.id}' and direction = 'outbound'`), 1);
  });

  it('threads a reply that arrived before its parent (out of order) into one conversation', async () => {
    const parent = item({ externalId: 'mail-1', kind: 'email', visibility: 'private', author: { externalId: 'ann@example.test', handle: 'ann@example.test', email: 'ann@example.test' } });
    const child = item({ externalId: 'mail-2', kind: 'email', visibility: 'private', inReplyTo: 'mail-1', references: ['mail-1'], author: { externalId: 'ann@example.test', handle: 'ann@example.test', email: 'ann@example.test' } });
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.email, items: [child] });
    await makeRunner(t.db).drain();
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.email, items: [parent] });
    await makeRunner(t.db).drain();
    const rows = (await t.db.exec(`select distinct conversation_id from mentions where external_id in ('mail-1', 'mail-2')`)).rows;
    assert.equal(rows.length, 1);
    assert.equal(await count('conversations', `customer_id = (select customer_id from conversations where id = '${rows[0]!.conversation_id}')`), 1, 'the orphan conversation was folded in');
  });

  it('links a new identity to the customer with the same email address, with the reason', async () => {
    const onX = item({ externalId: 'tw-1', author: { externalId: '99', handle: 'annx', email: 'ANN@example.test' } });
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.x, items: [onX] });
    await makeRunner(t.db).drain();
    const link = (await t.db.exec(`select ci.* from customer_identities ci join identities i on i.id = ci.identity_id where i.external_id = '99'`)).rows[0]!;
    const mail = (await t.db.exec(`select ci.customer_id from customer_identities ci join identities i on i.id = ci.identity_id where i.external_id = 'ann@example.test'`)).rows[0]!;
    assert.equal(link.customer_id, mail.customer_id);
    assert.match(String(link.reason), /same email address/);
    assert.ok(Number(link.confidence) < 1);
  });

  it('an author heard again keeps one identity, rewritten only when the network says something new', async () => {
    const kim = { externalId: 'did:plc:kim', handle: 'kim.bsky.social', displayName: 'Kim', followers: 10 };
    const identity = async () => (await t.db.exec(`select id, xmin::text as version, display_name, followers from identities where external_id = 'did:plc:kim'`)).rows;
    const hear = async (author: InboundItem['author']) => {
      await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [item({ author })] });
      await makeRunner(t.db).drain();
    };
    await hear(kim);
    const [first] = await identity();
    await hear(kim);
    const [same] = await identity();
    assert.deepEqual(same, first, 'nothing new: the row was not rewritten');
    await hear({ ...kim, followers: 12, displayName: 'Kim Lee' });
    await hear({ externalId: 'did:plc:kim', handle: 'kim.bsky.social', displayName: null, followers: null }); // says nothing about followers or name
    const rows = await identity();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.id, first!.id);
    assert.notEqual(rows[0]!.version, first!.version, 'new followers and name were written');
    assert.deepEqual([rows[0]!.display_name, Number(rows[0]!.followers)], ['Kim Lee', 12], 'what the network did not say keeps what we knew');
    assert.equal(await count('mentions', `identity_id = '${first!.id}'`), 4);
    assert.equal(await count('customer_identities', `identity_id = '${first!.id}'`), 1, 'one customer');
  });

  it('a brand post heard before any customer wrote joins the conversation of the first reply to it, with its message', async () => {
    const brandPost = item({ externalId: 'at://brand/announce', isOwn: true, text: 'Maintenance tonight from 22:00', author: { externalId: 'did:plc:brand', handle: 'acme.com' } });
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [brandPost] });
    await makeRunner(t.db).drain();
    assert.equal(await count('mentions', `external_id = 'at://brand/announce' and conversation_id is null`), 1, 'a brand post alone opens nothing');
    const reply = item({ externalId: 'at://lee/1', inReplyTo: 'at://brand/announce', text: 'will the app be down too?', author: { externalId: 'did:plc:lee', handle: 'lee.bsky.social' } });
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [reply] });
    await makeRunner(t.db).drain();
    const m = (await t.db.exec(`select external_id, conversation_id from mentions where external_id in ('at://brand/announce', 'at://lee/1') order by external_id`)).rows;
    assert.ok(m[0]!.conversation_id);
    assert.equal(m[0]!.conversation_id, m[1]!.conversation_id);
    const msgs = (await t.db.exec(`select direction, body, outbox_state from timeline_messages where conversation_id = '${m[0]!.conversation_id}' order by created_at`)).rows;
    assert.deepEqual(msgs.map((x) => [x.direction, x.body, x.outbox_state]), [['outbound', 'Maintenance tonight from 22:00', 'sent'], ['inbound', 'will the app be down too?', null]]);
  });

  it('drops noise: reposts collapse into the original, cross-source duplicates are stored once, own posts open nothing', async () => {
    const original = item({ externalId: 'at://sue/1', author: { externalId: 'did:plc:sue', handle: 'sue.bsky.social' }, text: 'The acme app logs me out every five minutes, so annoying' });
    const repost = item({ externalId: 'at://rp/1', kind: 'repost', repostOf: 'at://sue/1', author: { externalId: 'did:plc:rp', handle: 'rp.bsky.social' } });
    const sameOnX = item({ externalId: 'tw-sue', author: { externalId: 'did:plc:sue', handle: 'sue.bsky.social' }, text: 'the acme app logs me out every five minutes, so annoying!' });
    const own = item({ externalId: 'at://brand/2', isOwn: true, author: { externalId: 'did:plc:brand', handle: 'acme.com' }, text: 'We are rolling out a fix for logouts today' });
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [original, own] });
    await makeRunner(t.db).drain();
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [repost] });
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.x, items: [sameOnX] });
    await makeRunner(t.db).drain();
    assert.equal(await count('mentions', "external_id in ('at://rp/1', 'tw-sue')"), 0);
    assert.equal((await t.db.exec(`select engagement->>'reposts' as n from mentions where external_id = 'at://sue/1'`)).rows[0]!.n, '1');
    const reasons = (await t.db.exec(`select external_id, error from raw_items where status = 'ignored' order by external_id`)).rows;
    assert.deepEqual(reasons.map((r) => r.external_id), ['at://rp/1', 'tw-sue']);
    const own2 = (await t.db.exec(`select conversation_id, is_own from mentions where external_id = 'at://brand/2'`)).rows[0]!;
    assert.equal(own2.is_own, true);
    assert.equal(own2.conversation_id, null);
  });

  it('keeps a keyword-search item only when a listening query matches, and records which', async () => {
    const stages: PipelineStages = { ...defaultStages, matchQueries: async () => (text) => (/\bacme\b/i.test(text) && !/hiring/i.test(text) ? ['q-acme'] : []) };
    const hit = item({ externalId: 'at://s/1', fromSearch: true, text: 'acme support is great today', author: { externalId: 'did:plc:s1', handle: 's1' } });
    const miss = item({ externalId: 'at://s/2', fromSearch: true, text: 'acme is hiring engineers', author: { externalId: 'did:plc:s2', handle: 's2' } });
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [hit, miss] });
    await makeRunner(t.db, stages).drain();
    const m = (await t.db.exec(`select matched_query_ids from mentions where external_id = 'at://s/1'`)).rows[0]!;
    assert.deepEqual(m.matched_query_ids, ['q-acme']);
    assert.equal(await count('mentions', "external_id = 'at://s/2'"), 0);
    assert.equal((await t.db.exec(`select error from raw_items where external_id = 'at://s/2'`)).rows[0]!.error, 'no listening query matched');
  });

  it('urgency counts the customer\'s messages since our last reply: a brand post heard on the channel or a reply Lookout sent', async () => {
    const seen: { text: string; repeat: number; since: Date | null }[] = [];
    const stages: PipelineStages = {
      ...defaultStages,
      enrich: (inputs, ctx) => {
        for (const i of inputs) seen.push({ text: i.item.text, repeat: i.repeatContacts, since: i.waitingSince });
        return defaultStages.enrich(inputs, ctx);
      },
    };
    const t0 = Date.UTC(2026, 0, 7, 9, 0, 0);
    const who = { externalId: 'did:plc:wait', handle: 'wait.bsky.social' };
    const brand = { externalId: 'did:plc:brand', handle: 'acme.com' };
    const run = async (it: InboundItem) => {
      await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [it] });
      await makeRunner(t.db, stages).drain();
    };
    await run(item({ externalId: 'at://wait/1', text: 'w1 my export fails', author: who, authoredAt: new Date(t0) }));
    await run(item({ externalId: 'at://brand/w', inReplyTo: 'at://wait/1', isOwn: true, text: 'looking into it', author: brand, authoredAt: new Date(t0 + 60_000) }));
    await run(item({ externalId: 'at://wait/2', inReplyTo: 'at://brand/w', text: 'w2 still failing', author: who, authoredAt: new Date(t0 + 120_000) }));
    await run(item({ externalId: 'at://wait/3', inReplyTo: 'at://wait/2', text: 'w3 hello?', author: who, authoredAt: new Date(t0 + 180_000) }));
    assert.deepEqual(seen.filter((s) => s.text.startsWith('w')).map((s) => [s.text.slice(0, 2), s.repeat, s.since?.toISOString() ?? null]), [
      ['w1', 0, null],
      ['w2', 0, null],
      ['w3', 1, new Date(t0 + 120_000).toISOString()],
    ]);
    // A reply Lookout sent counts as ours too.
    const conversation = (await t.db.exec(`select conversation_id from mentions where external_id = 'at://wait/3'`)).rows[0]!.conversation_id;
    await t.db.exec(`insert into messages (workspace_id, conversation_id, direction, visibility, body, outbox_state, created_at)
      values ('${ws.workspaceId}', '${String(conversation)}', 'outbound', 'public', 'fixed, please retry', 'sent', '${new Date(t0 + 240_000).toISOString()}')`);
    await run(item({ externalId: 'at://wait/4', inReplyTo: 'at://wait/3', text: 'w4 works now, thanks', author: who, authoredAt: new Date(t0 + 300_000) }));
    assert.deepEqual(seen.at(-1)!.repeat, 0);
    assert.equal(seen.at(-1)!.since, null);
  });

  it('one bad item fails alone, with its reason; the rest of its batch goes through', async () => {
    let calls = 0;
    const stages: PipelineStages = {
      ...defaultStages,
      enrich: (inputs) => {
        calls++;
        if (inputs.some((i) => i.item.text.includes('POISON'))) throw new Error('enricher exploded on this item');
        return defaultStages.enrich(inputs, { workspaceId: '', settings: {}, now: new Date() });
      },
    };
    const good = item({ externalId: 'at://g/1', author: { externalId: 'did:plc:g', handle: 'g' } });
    const bad = item({ externalId: 'at://b/1', text: 'POISON pill', author: { externalId: 'did:plc:b', handle: 'b' } });
    await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [good, bad] });
    await makeRunner(t.db, stages).drain();
    assert.ok(calls >= 2);
    assert.equal(await count('mentions', "external_id = 'at://g/1'"), 1);
    const failed = (await t.db.exec(`select status, error from raw_items where external_id = 'at://b/1'`)).rows[0]!;
    assert.equal(failed.status, 'failed');
    assert.match(String(failed.error), /enricher exploded/);
  });

  it('with two batches in flight, a reply chain across batches threads in order; prepared work reaches the enricher; a bad item fails alone', async () => {
    const prepared: string[] = [];
    const enrichedWithPrepared: boolean[] = [];
    const stages: PipelineStages = {
      ...defaultStages,
      prepare: (items) => items.map((i) => (i.isOwn ? undefined : (prepared.push(i.externalId), `prep:${i.externalId}`))),
      enrich: (inputs, ctx) => {
        if (inputs.some((i) => i.item.text.includes('POISON'))) throw new Error('enricher exploded on this item');
        for (const i of inputs) enrichedWithPrepared.push(i.prepared === `prep:${i.item.externalId}`);
        return defaultStages.enrich(inputs, ctx);
      },
    };
    const t0 = Date.UTC(2026, 0, 6, 9);
    const chain: InboundItem[] = [];
    for (let i = 0; i < 14; i++) {
      const own = i % 2 === 1;
      chain.push(item({
        externalId: `at://chain/${i}`, kind: i ? 'reply' : 'post', inReplyTo: i ? `at://chain/${i - 1}` : undefined, isOwn: own, text: own ? 'Sorry! Please DM us.' : `still broken, message ${i}`,
        authoredAt: new Date(t0 + i * 60_000), author: own ? { externalId: 'did:plc:brand', handle: 'acme.com' } : { externalId: 'did:plc:chainy', handle: 'chainy.bsky.social' },
      }));
    }
    const poison = item({ externalId: 'at://chain-poison', text: 'POISON again', authoredAt: new Date(t0 + 90_000), author: { externalId: 'did:plc:p', handle: 'p' } });
    // Committed in order, as a stream would be; the runner takes them two at a time, two batches in flight.
    for (const it of [...chain.slice(0, 3), poison, ...chain.slice(3)]) await acceptItems(t.db, { workspaceId: ws.workspaceId, channelId: ws.bluesky, items: [it] });
    const runner = new PipelineRunner(t.db, stages, new EventBus(), new FakeClock('2026-01-06T10:00:00Z'), silentLogger(), { batchSize: 2, concurrency: 2 });
    assert.equal(await runner.drain(), 15);
    const convs = (await t.db.exec(`select distinct conversation_id from mentions where external_id like 'at://chain/%'`)).rows;
    assert.equal(await count('mentions', "external_id like 'at://chain/%'"), 14);
    assert.equal(convs.length, 1, 'the whole chain is one conversation');
    assert.equal(await count('timeline_messages', `conversation_id = '${convs[0]!.conversation_id}'`), 14);
    assert.equal((await t.db.exec(`select status from raw_items where external_id = 'at://chain-poison'`)).rows[0]!.status, 'failed');
    assert.ok(prepared.includes('at://chain/0') && prepared.includes('at://chain/12'));
    assert.ok(enrichedWithPrepared.length >= 7 && enrichedWithPrepared.every(Boolean), 'every enriched item had its prepared work');
  });

  it('replay re-runs every stage without storing anything twice', async () => {
    const before = { mentions: await count('mentions'), conversations: await count('conversations'), messages: await count('timeline_messages'), customers: await count('customers') };
    const stages: PipelineStages = { ...defaultStages, enrich: (inputs) => inputs.map(() => ({ language: 'en', sentiment: 'negative', sentimentScore: 0.9, intent: 'complaint', needsResponse: true, priority: 77, triage: { reasons: ['replayed'] } })) };
    // The channels whose items went through the default stages (a replay under other listening
    // queries may rightly keep what was dropped before).
    const queued = (await queueReplay(t.db, ws.workspaceId, { channelId: ws.x, includeFailed: false })) + (await queueReplay(t.db, ws.workspaceId, { channelId: ws.email, includeFailed: false }));
    assert.equal(queued, 4);
    await makeRunner(t.db, stages).drain();
    const after = { mentions: await count('mentions'), conversations: await count('conversations'), messages: await count('timeline_messages'), customers: await count('customers') };
    assert.deepEqual(after, before);
    assert.equal(await count('mentions', `not is_own and priority <> 77 and channel_id in ('${ws.x}', '${ws.email}')`), 0, 'every replayed mention was enriched again');
    assert.equal(await count('raw_items', `channel_id in ('${ws.x}', '${ws.email}') and status = 'pending'`), 0);
  });

  it('a deleted channel keeps what was heard on it: its mentions lose the channel, not their place in conversations', async () => {
    const heard = (await t.db.exec(`select m.id, m.conversation_id from mentions m where m.channel_id = '${ws.email}' and m.conversation_id is not null`)).rows;
    assert.ok(heard.length > 0);
    const timeline = await count('timeline_messages', `id in (${heard.map((h) => `'${h.id}'`).join(', ')})`);
    assert.equal(timeline, heard.length);
    await t.db.exec(`delete from channels where id = '${ws.email}'`);
    assert.equal(await count('raw_items', `channel_id = '${ws.email}'`), 0, 'the raw store goes with the channel');
    assert.equal(await count('mentions', `id in (${heard.map((h) => `'${h.id}'`).join(', ')}) and channel_id is null`), heard.length);
    assert.equal(await count('timeline_messages', `id in (${heard.map((h) => `'${h.id}'`).join(', ')}) and channel_id is null`), timeline, 'the timelines still read them');
  });
});

/**
 * The Bluesky connector against a real local AT Protocol network (`@atproto/dev-env`'s PLC, PDS,
 * AppView and bsync in this process; PostgreSQL for the AppView). Needs PostgreSQL and a
 * better-sqlite3 built for this Node (see testing/dev-network.ts, scripts/ci/bluesky-native.sh). The PDS runs with its rate limits on, so the 429 test meets the PDS's
 * own limiter. LOOKOUT_BLUESKY_FULL_NETWORK=1 runs the same tests on dev-env's whole TestNetwork
 * (Ozone included), slower to start.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtUri, type AppBskyFeedDefs } from '@atproto/api';
import { SendError, type InboundItem } from '../connector.ts';
import { BlueskyError, createBlueskyConnector, readBlueskyCursor, graphemeLength } from './index.ts';
import { startDevNetwork, type DevAccount, type DevNetwork } from './testing/dev-network.ts';
import { recordingContext } from './testing/recording-context.ts';

let dev: DevNetwork;
let brand: DevAccount;
let customer: DevAccount;
let fan: DevAccount;
let appPassword: string;
const connector = createBlueskyConnector();

const channel = (channelId: string, config: Record<string, unknown> = {}, password?: string) =>
  recordingContext({
    channelId,
    config: { service: dev.pdsUrl, identifier: brand.handle, ...config },
    secrets: { appPassword: password ?? appPassword },
  });

const byId = (items: InboundItem[], uri: string): InboundItem => {
  const item = items.find((i) => i.externalId === uri);
  assert.ok(item, `expected ${uri} among ${items.map((i) => i.externalId).join(', ')}`);
  return item;
};

const getPost = async (uri: string): Promise<AppBskyFeedDefs.PostView> => {
  const res = await customer.agent.app.bsky.feed.getPosts({ uris: [uri] });
  assert.ok(res.data.posts[0], `post ${uri} not found`);
  return res.data.posts[0];
};

before(async () => {
  dev = await startDevNetwork({ rateLimits: true, full: process.env['LOOKOUT_BLUESKY_FULL_NETWORK'] === '1' });
  console.log(`# dev-env network started in ${dev.startMs} ms`);
  brand = await dev.createAccount('brand', 'Acme Support');
  customer = await dev.createAccount('jodie', 'Jo Customer');
  fan = await dev.createAccount('fan');
  appPassword = await dev.appPassword(brand);
  await fan.agent.follow(customer.did);
});

after(async () => {
  const closing = performance.now();
  await dev?.close();
  console.log(`# dev-env network closed in ${Math.round(performance.now() - closing)} ms`);
});

describe('Bluesky connector on a dev-env network', () => {
  test('poll turns a mention and keyword posts into items, and the cursor holds', async () => {
    const own = await dev.post(brand, 'Acmeflux 2.0 ships today');
    const mention = await dev.post(customer, '@brand.test my Acmeflux order #123 never arrived');
    const keyword = await dev.post(customer, 'Is the Acmeflux blender any good?');
    await fan.agent.like(mention.uri, mention.cid);
    await dev.processAll();

    const first = channel('poll', { searchTerms: ['Acmeflux'] });
    await connector.poll!(first.ctx);
    assert.deepEqual(first.failures, []);
    assert.deepEqual(new Set(first.added.map((i) => i.externalId)), new Set([own.uri, mention.uri, keyword.uri]));

    const m = byId(first.added, mention.uri);
    const raw = m.raw as AppBskyFeedDefs.PostView;
    const record = raw.record as { createdAt: string; facets: Array<{ features: Array<{ $type: string; did?: string }> }> };
    assert.equal(m.kind, 'post');
    assert.equal(m.visibility, 'public');
    assert.equal(m.text, '@brand.test my Acmeflux order #123 never arrived');
    assert.equal(m.fromSearch, undefined, 'a mention is not a search hit, even when it also matches a term');
    assert.equal(m.isOwn, false);
    assert.equal(m.inReplyTo, null);
    assert.equal(m.threadRoot, null);
    assert.equal(m.authoredAt.toISOString(), new Date(record.createdAt).toISOString());
    assert.equal(m.url, `https://bsky.app/profile/jodie.test/post/${new AtUri(mention.uri).rkey}`);
    assert.deepEqual(
      { ...m.author },
      {
        externalId: customer.did,
        handle: 'jodie.test',
        displayName: 'Jo Customer',
        followers: 1,
        verified: null,
        profileUrl: 'https://bsky.app/profile/jodie.test',
        avatarUrl: null,
      },
    );
    assert.deepEqual(m.engagement, { likes: 1, reposts: 0, replies: 0 });
    assert.equal(raw.uri, mention.uri);
    assert.deepEqual(record.facets[0]?.features[0], { $type: 'app.bsky.richtext.facet#mention', did: brand.did });

    const k = byId(first.added, keyword.uri);
    assert.equal(k.fromSearch, true);
    assert.equal(k.author.externalId, customer.did);
    const o = byId(first.added, own.uri);
    assert.equal(o.isOwn, true);
    assert.equal(o.fromSearch, true);

    const second = first.next();
    await connector.poll!(second.ctx);
    assert.deepEqual(second.failures, []);
    assert.deepEqual(second.batches.flat(), [], 'nothing is handed over twice');

    const later = await dev.post(customer, 'hello again @brand.test');
    await dev.processAll();
    const third = second.next();
    await connector.poll!(third.ctx);
    assert.deepEqual(third.added.map((i) => i.externalId), [later.uri]);
  });

  test('with a public AppView configured, public reads go there; when it is down the poll fails cleanly', async () => {
    const post = await dev.post(customer, 'Zentrix support never answers');
    await dev.processAll();
    const viaAppview = channel('appview', { searchTerms: ['Zentrix'], appviewUrl: dev.appviewUrl });
    await connector.poll!(viaAppview.ctx);
    assert.deepEqual(viaAppview.failures, []);
    assert.deepEqual(viaAppview.added.filter((i) => i.fromSearch).map((i) => i.externalId), [post.uri]);
    assert.equal(byId(viaAppview.added, post.uri).author.followers, 1, 'profiles come from the AppView too');

    // A network failure mid-poll: reported, nothing accepted, the cursor stays where it was.
    const down = channel('appview-down', { searchTerms: ['Zentrix'], appviewUrl: 'http://127.0.0.1:9' });
    await assert.rejects(connector.poll!(down.ctx), (err: unknown) => err instanceof BlueskyError && err.problem === 'unreachable');
    assert.match(down.failures[0]?.reason ?? '', /^unreachable: /);
    assert.deepEqual(down.added, []);
    assert.equal(down.cursor(), null);
  });

  test('replies, quotes and reposts of the brand arrive with their thread', async () => {
    const baseline = channel('thread', { notificationReasons: ['mention', 'reply', 'quote', 'repost'] });
    await connector.poll!(baseline.ctx);

    const root = await dev.post(brand, 'We are rolling out a fix for the login bug');
    // The AppView indexes repos in parallel; a reply indexed before its root notifies nobody.
    await dev.processAll();
    const r1 = await dev.post(customer, 'Still broken for me', { root, parent: root });
    const r2 = await dev.post(customer, 'And now on Android too', { root, parent: r1 });
    const repost = await customer.agent.repost(root.uri, root.cid);
    const quote = await fan.agent.post({
      text: 'Finally',
      embed: { $type: 'app.bsky.embed.record', record: { uri: root.uri, cid: root.cid } },
      createdAt: new Date().toISOString(),
    });
    await dev.processAll();

    const poll = baseline.next();
    await connector.poll!(poll.ctx);
    assert.deepEqual(poll.failures, []);
    const reply1 = byId(poll.added, r1.uri);
    assert.equal(reply1.kind, 'reply');
    assert.equal(reply1.inReplyTo, root.uri);
    assert.equal(reply1.threadRoot, root.uri);
    const reply2 = byId(poll.added, r2.uri);
    assert.equal(reply2.inReplyTo, r1.uri);
    assert.equal(reply2.threadRoot, root.uri);
    const rp = byId(poll.added, repost.uri);
    assert.equal(rp.kind, 'repost');
    assert.equal(rp.repostOf, root.uri);
    assert.equal(rp.author.externalId, customer.did);
    const q = byId(poll.added, quote.uri);
    assert.equal(q.kind, 'post');
    assert.equal(q.author.handle, 'fan.test');
    // Oldest first, so a reply never reaches the pipeline before its parent from the same poll.
    const order = poll.added.map((i) => i.externalId);
    assert.ok(order.indexOf(r1.uri) < order.indexOf(r2.uri));
  });

  test('send replies in the thread, and a retry does not post twice', async () => {
    const mention = await dev.post(customer, '@brand.test where is my refund?');
    const followUp = await dev.post(customer, 'It has been two weeks', { root: mention, parent: mention });
    await dev.processAll();
    const { ctx } = channel('send');
    const message = {
      idempotencyKey: 'outbox-1',
      text: 'Hi @jodie.test, the refund went out today.',
      inReplyTo: followUp.uri,
      threadRoot: followUp.uri, // wrong on purpose: the parent record's root wins
    };
    const sent = await connector.send!(ctx, message);
    assert.match(sent.externalId, new RegExp(`^at://${brand.did}/app\\.bsky\\.feed\\.post/`));
    assert.equal(sent.url, `https://bsky.app/profile/brand.test/post/${new AtUri(sent.externalId).rkey}`);
    await dev.processAll();

    const thread = await customer.agent.app.bsky.feed.getPostThread({ uri: mention.uri, depth: 5 });
    const top = thread.data.thread as AppBskyFeedDefs.ThreadViewPost;
    const child = top.replies?.[0] as AppBskyFeedDefs.ThreadViewPost;
    assert.equal(child.post.uri, followUp.uri);
    const answer = child.replies?.[0] as AppBskyFeedDefs.ThreadViewPost;
    assert.equal(answer.post.uri, sent.externalId);
    assert.equal(answer.post.author.did, brand.did);
    const record = answer.post.record as { text: string; reply: { root: { uri: string }; parent: { uri: string } }; facets: unknown[] };
    assert.equal(record.text, message.text);
    assert.equal(record.reply.root.uri, mention.uri);
    assert.equal(record.reply.parent.uri, followUp.uri);
    assert.equal(record.facets.length, 1, 'the @jodie.test mention is a facet');

    const again = await connector.send!(ctx, message);
    assert.equal(again.externalId, sent.externalId);
    await dev.processAll();
    assert.equal((await getPost(followUp.uri)).replyCount, 1);
  });

  test('a long reply becomes a numbered self-thread, resumed where a failed send stopped', async () => {
    const mention = await dev.post(customer, '@brand.test can you explain the warranty?');
    await dev.processAll();
    const sentence = 'The warranty covers parts and labour for two years from the date of purchase. ';
    const text = sentence.repeat(9).trim();
    const { ctx } = channel('long');
    const sent = await connector.send!(ctx, { idempotencyKey: 'outbox-2', text, inReplyTo: mention.uri });
    const ids = sent.externalIds ?? [];
    assert.equal(ids.length, 3);
    assert.equal(sent.externalId, ids[0]);
    await dev.processAll();

    let parent = mention.uri;
    for (const [i, uri] of ids.entries()) {
      const post = await getPost(uri);
      const record = post.record as { text: string; reply: { root: { uri: string }; parent: { uri: string } } };
      assert.ok(graphemeLength(record.text) <= 300);
      assert.ok(record.text.endsWith(`(${i + 1}/3)`), record.text);
      assert.equal(record.reply.root.uri, mention.uri);
      assert.equal(record.reply.parent.uri, parent);
      parent = uri;
    }

    // As if the send had died after the first part: the retry keeps it and posts the rest.
    for (const uri of ids.slice(1)) await brand.agent.deletePost(uri);
    const retried = await connector.send!(ctx, { idempotencyKey: 'outbox-2', text, inReplyTo: mention.uri });
    assert.equal(retried.externalId, ids[0]);
    assert.equal(retried.externalIds?.length, 3);
    assert.notDeepEqual(retried.externalIds?.slice(1), ids.slice(1));
  });

  test('a burst larger than one poll is read over the next polls, each post once', async () => {
    const small = createBlueskyConnector({ pageSize: 2 });
    let rc = channel('burst', { maxPagesPerPoll: 1 });
    await small.poll!(rc.ctx);
    const burst: string[] = [];
    for (let i = 1; i <= 5; i++) burst.push((await dev.post(customer, `burst ${i} @brand.test`)).uri);
    await dev.processAll();

    const accepted: string[] = [];
    for (let polls = 0; polls < 6; polls++) {
      rc = rc.next();
      await small.poll!(rc.ctx);
      assert.deepEqual(rc.failures, []);
      accepted.push(...rc.batches.flat().map((i) => i.externalId));
    }
    assert.deepEqual([...accepted].sort(), [...burst].sort(), 'every post of the burst, exactly once');
    const after = rc.next();
    await small.poll!(after.ctx);
    assert.equal(readBlueskyCursor(after.cursor()).notifications.backfill, null);
  });

  test('health is ok with the app password and "auth" with a wrong one; poll and send say so too', async () => {
    assert.deepEqual(await connector.checkHealth!(channel('health').ctx), {
      ok: true,
      detail: `signed in as @brand.test (${brand.did})`,
    });
    const bad = channel('bad', {}, 'aaaa-bbbb-cccc-dddd');
    const health = await connector.checkHealth!(bad.ctx);
    assert.equal(health.ok, false);
    assert.equal(health.problem, 'auth');

    await assert.rejects(connector.poll!(bad.ctx), (err: unknown) => err instanceof BlueskyError && err.problem === 'auth');
    assert.match(bad.failures[0]?.reason ?? '', /^auth: /);
    await assert.rejects(
      connector.send!(bad.ctx, { idempotencyKey: 'x', text: 'hi', inReplyTo: `at://${customer.did}/app.bsky.feed.post/3kabc` }),
      (err: unknown) => err instanceof SendError && err.reason === 'auth' && !err.retryable,
    );
  });

  test('a 429 from the PDS pauses polling until its reset time and makes sends retryable', async () => {
    const busy = await dev.createAccount('busy');
    const busyPassword = await dev.appPassword(busy);
    // Spend the PDS's createSession budget for this account (30 per 5 minutes). The limit is
    // counted before the password is looked at; an over-long one is refused without hashing.
    await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${dev.pdsUrl}/xrpc/com.atproto.server.createSession`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier: busy.handle, password: 'x'.repeat(513) }),
        }),
      ),
    );
    const rc = recordingContext({
      channelId: 'busy',
      config: { service: dev.pdsUrl, identifier: busy.handle },
      secrets: { appPassword: busyPassword },
    });
    const health = await connector.checkHealth!(rc.ctx);
    assert.equal(health.problem, 'rate_limited');

    await connector.poll!(rc.ctx);
    assert.match(rc.failures[0]?.reason ?? '', /^rate_limited: /);
    const pausedUntil = Date.parse(readBlueskyCursor(rc.cursor()).pausedUntil ?? '');
    assert.ok(pausedUntil > Date.now() + 60_000, 'paused until the window resets (minutes away)');

    const skipped = rc.next();
    await connector.poll!(skipped.ctx);
    assert.deepEqual(skipped.failures, [], 'a paused poll makes no request');
    assert.deepEqual(skipped.batches, []);

    await assert.rejects(
      connector.send!(rc.ctx, { idempotencyKey: 'y', text: 'hi', inReplyTo: `at://${customer.did}/app.bsky.feed.post/3kabc` }),
      (err: unknown) => err instanceof SendError && err.reason === 'rate_limited' && err.retryable && (err.retryAfterMs ?? 0) > 0,
    );
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeClock } from '../../../platform/clock/index.ts';
import { SendError } from '../connector.ts';
import { createHarness, sendJson, startRecordingServer, type RecordingServer } from '../rss/__fixtures__/connector-harness.ts';
import { createXConnector } from './x-connector.ts';
import type { XCursor } from './x-timeline.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const BRAND = '1170000000000000001';
const PAGE_1 = fixture('mentions-page-1.json') as { meta: { newest_id: string; next_token: string } };
const OLD_SINCE = '1876990000000000000';
const clock = new FakeClock('2026-01-05T09:40:00Z');
const RESET = Math.floor(clock.now().getTime() / 1000) + 600;

type Mode = 'ok' | 'unauthorized' | 'rate_limited' | 'drop_page_2' | 'bad_request' | 'duplicate' | 'fail_second_post';

describe('x connector against recorded API v2 payloads on loopback', () => {
  let server: RecordingServer;
  let mode: Mode = 'ok';
  let nextTweetId = 1877003000000000000n;
  let posts = 0;

  before(async () => {
    server = await startRecordingServer((req, res) => {
      const limits = { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '449', 'x-rate-limit-reset': String(RESET) };
      if (mode === 'unauthorized') {
        return sendJson(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
      }
      if (mode === 'rate_limited') {
        return sendJson(res, 429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, { ...limits, 'x-rate-limit-remaining': '0' });
      }
      if (req.method === 'GET' && req.path === `/2/users/${BRAND}/mentions`) {
        if (req.query.get('pagination_token') === PAGE_1.meta.next_token) {
          if (mode === 'drop_page_2') return void res.socket?.destroy();
          return sendJson(res, 200, fixture('mentions-page-2.json'), limits);
        }
        if (req.query.get('since_id') === PAGE_1.meta.newest_id) return sendJson(res, 200, { meta: { result_count: 0 } }, limits);
        return sendJson(res, 200, PAGE_1, limits);
      }
      if (req.method === 'GET' && req.path === '/2/tweets/search/recent') return sendJson(res, 200, fixture('search-recent.json'), limits);
      if (req.method === 'GET' && req.path === '/2/users/me') {
        return sendJson(res, 200, { data: { id: BRAND, name: 'Acme Support', username: 'AcmeSupport' } }, limits);
      }
      if (req.method === 'POST' && req.path === '/2/tweets') {
        posts += 1;
        if (mode === 'bad_request') {
          return sendJson(res, 400, {
            errors: [{ parameters: { 'reply.in_reply_to_tweet_id': ['abc'] }, message: 'The `reply.in_reply_to_tweet_id` query parameter value [abc] is not valid' }],
            title: 'Invalid Request',
            detail: 'One or more parameters to your request was invalid.',
            type: 'https://api.twitter.com/2/problems/invalid-request',
          });
        }
        if (mode === 'duplicate') {
          return sendJson(res, 403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
        }
        if (mode === 'fail_second_post' && posts === 2) return void res.socket?.destroy();
        const { text } = JSON.parse(req.body) as { text: string };
        const id = String(nextTweetId++);
        return sendJson(res, 201, { data: { id, text, edit_history_tweet_ids: [id] } });
      }
      return sendJson(res, 404, { title: 'Not Found Error', detail: `no route ${req.path}`, type: 'about:blank', status: 404 });
    });
  });
  after(() => server.close());
  beforeEach(() => {
    mode = 'ok';
    posts = 0;
  });

  const connector = createXConnector({ clock });
  const secrets = {
    bearerToken: 'AAAAAAAAAAAAAAAAAAAAAbearer',
    appKey: 'app-key',
    appSecret: 'app-secret',
    accessToken: '1170000000000000001-access',
    accessSecret: 'access-secret',
  };
  const harness = (extra: Record<string, unknown> = {}, cursor?: unknown) =>
    createHarness({ config: { userId: BRAND, username: 'AcmeSupport', apiBaseUrl: server.baseUrl, ...extra }, secrets, cursor });
  const since = (s: string): XCursor => ({ mentions: { sinceId: s, walk: null }, search: { sinceId: null, walk: null, query: null } });

  it('asks for mentions with the documented expansions and fields, app-only auth, and maps them', async () => {
    const h = harness();
    await connector.poll!(h.ctx());
    assert.deepEqual(h.failures, []);
    const [first] = server.requests.slice(-1);
    assert.equal(first?.path, `/2/users/${BRAND}/mentions`);
    assert.equal(first?.headers.authorization, `Bearer ${secrets.bearerToken}`);
    assert.equal(first?.query.get('max_results'), '100');
    assert.deepEqual(first?.query.get('expansions')?.split(','), ['author_id', 'referenced_tweets.id', 'referenced_tweets.id.author_id']);
    for (const f of ['public_metrics', 'verified', 'username', 'name']) assert.ok(first?.query.get('user.fields')?.split(',').includes(f), f);
    for (const f of ['created_at', 'conversation_id', 'referenced_tweets', 'public_metrics']) assert.ok(first?.query.get('tweet.fields')?.split(',').includes(f), f);
    assert.equal(first?.query.has('since_id'), false);

    // The first poll ever takes the newest page only, and remembers where it stands.
    assert.equal(h.stored.size, 3);
    assert.deepEqual((h.cursor as XCursor).mentions, { sinceId: PAGE_1.meta.newest_id, walk: null });

    const reply = h.stored.get('1877002000000000105');
    assert.equal(reply?.kind, 'reply');
    assert.equal(reply?.inReplyTo, '1877001000000000001');
    assert.equal(reply?.threadRoot, '1877001000000000001');
    assert.equal(reply?.url, 'https://x.com/jo_writes/status/1877002000000000105');
    assert.equal(reply?.authoredAt.toISOString(), '2026-01-05T09:14:03.000Z');
    assert.deepEqual(reply?.author, {
      externalId: '98765432',
      handle: 'jo_writes',
      displayName: 'Jo Writes',
      followers: 1204,
      verified: false,
      profileUrl: 'https://x.com/jo_writes',
      avatarUrl: 'https://pbs.twimg.com/profile_images/1/jo_normal.jpg',
    });
    assert.deepEqual(reply?.engagement, { likes: 2, reposts: 0, replies: 1 });
    assert.equal(reply?.isOwn, false);

    const post = h.stored.get('1877001900000000077');
    assert.equal(post?.kind, 'post');
    assert.equal(post?.author.followers, 284000);
    assert.equal(post?.author.verified, true);

    const retweet = h.stored.get('1877001800000000042');
    assert.equal(retweet?.kind, 'repost');
    assert.equal(retweet?.repostOf, '1877001900000000077');
    assert.equal(retweet?.text, 'Third replacement case from @AcmeSupport in a month. The hinge just snaps. Not impressed.');
    const raw = retweet?.raw as { data: { id: string }; includes: { tweets: { id: string }[] } };
    assert.equal(raw.data.id, '1877001800000000042');
    assert.deepEqual(raw.includes.tweets.map((t) => t.id), ['1877001900000000077']);
  });

  it('walks next_token back to since_id, then moves since_id to the newest id', async () => {
    const h = harness({}, since(OLD_SINCE));
    const start = server.requests.length;
    await connector.poll!(h.ctx());
    const calls = server.requests.slice(start);
    assert.deepEqual(calls.map((r) => [r.query.get('since_id'), r.query.get('pagination_token')]), [
      [OLD_SINCE, null],
      [OLD_SINCE, PAGE_1.meta.next_token],
    ]);
    assert.equal(h.stored.size, 4);
    assert.deepEqual((h.cursor as XCursor).mentions, { sinceId: PAGE_1.meta.newest_id, walk: null });

    await connector.poll!(h.ctx());
    assert.equal(server.requests.at(-1)?.query.get('since_id'), PAGE_1.meta.newest_id);
    assert.equal(h.stored.size, 4);
  });

  it('keeps what it committed and resumes from the failed page after a network error mid-poll', async () => {
    const h = harness({}, since(OLD_SINCE));
    mode = 'drop_page_2';
    await connector.poll!(h.ctx());
    assert.equal(h.failures.length, 1);
    assert.match(h.failures[0]?.reason ?? '', /^unreachable: mentions: /);
    assert.equal(h.stored.size, 3, 'page 1 was committed');
    assert.deepEqual((h.cursor as XCursor).mentions, {
      sinceId: OLD_SINCE,
      walk: { newestId: PAGE_1.meta.newest_id, token: PAGE_1.meta.next_token },
    });

    mode = 'ok';
    const start = server.requests.length;
    await connector.poll!(h.ctx());
    assert.equal(server.requests[start]?.query.get('pagination_token'), PAGE_1.meta.next_token);
    assert.equal(h.stored.size, 4);
    assert.deepEqual((h.cursor as XCursor).mentions, { sinceId: PAGE_1.meta.newest_id, walk: null });
  });

  it('reads the recent search too, marks its items and the brand’s own tweets', async () => {
    const h = harness({ searchQuery: '"acme pro 3" -is:retweet' }, since(PAGE_1.meta.newest_id));
    await connector.poll!(h.ctx());
    const search = server.requests.at(-1);
    assert.equal(search?.path, '/2/tweets/search/recent');
    assert.equal(search?.query.get('query'), '"acme pro 3" -is:retweet');
    const own = h.stored.get('1877002100000000200');
    assert.equal(own?.isOwn, true);
    assert.equal(own?.fromSearch, true);
    assert.equal(h.stored.get('1877002050000000150')?.isOwn, false);
    assert.deepEqual((h.cursor as XCursor).search, { sinceId: '1877002100000000200', walk: null, query: '"acme pro 3" -is:retweet' });

    // A new query starts over rather than reusing the old query's since_id.
    const changed = harness({ searchQuery: 'acme refund' }, h.cursor);
    await connector.poll!(changed.ctx());
    assert.equal(server.requests.at(-1)?.query.has('since_id'), false);
  });

  it('reports 401 as auth (and its health says so) and 429 as rate limited with the reset', async () => {
    mode = 'unauthorized';
    const h = harness({ searchQuery: 'acme' }, since(OLD_SINCE));
    await connector.poll!(h.ctx());
    assert.deepEqual(h.failures.map((f) => f.reason), ['auth: mentions: HTTP 401: Unauthorized']);
    assert.deepEqual(h.cursor, since(OLD_SINCE));
    assert.deepEqual(await connector.checkHealth!(h.ctx()), { ok: false, problem: 'auth', detail: 'HTTP 401: Unauthorized' });

    mode = 'rate_limited';
    const limited = harness({}, since(OLD_SINCE));
    await connector.poll!(limited.ctx());
    assert.match(limited.failures[0]?.reason ?? '', /^rate_limited: mentions: HTTP 429/);
    assert.deepEqual(limited.failures[0]?.detail?.raw, { stream: 'mentions', httpStatus: 429, retryAfterMs: 600_000 });

    mode = 'ok';
    assert.deepEqual(await connector.checkHealth!(h.ctx()), { ok: true });
    assert.match(String(server.requests.at(-1)?.headers.authorization), /^OAuth /, 'users/me needs the user context');
  });

  it('replies in thread with OAuth 1.0a user context', async () => {
    const h = harness();
    const result = await connector.send!(h.ctx(), { idempotencyKey: 'out-1', text: 'Sorry about that! A fix is on the way.', inReplyTo: '1877002000000000105' });
    const req = server.requests.at(-1);
    assert.equal(req?.method, 'POST');
    assert.equal(req?.path, '/2/tweets');
    assert.match(req?.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(req?.body ?? ''), { text: 'Sorry about that! A fix is on the way.', reply: { in_reply_to_tweet_id: '1877002000000000105' } });
    const auth = String(req?.headers.authorization);
    for (const part of ['OAuth ', 'oauth_consumer_key="app-key"', 'oauth_token="1170000000000000001-access"', 'oauth_signature_method="HMAC-SHA1"', 'oauth_signature="']) {
      assert.ok(auth.includes(part), `${part} in ${auth}`);
    }
    assert.equal(result.url, `https://x.com/AcmeSupport/status/${result.externalId}`);
    assert.deepEqual(result.externalIds, [result.externalId]);
  });

  it('turns a long reply into a chain, each part answering the previous one', async () => {
    const h = harness();
    const text = Array.from({ length: 90 }, (_, i) => `step${i}`).join(' ');
    const start = server.requests.length;
    const result = await connector.send!(h.ctx(), { idempotencyKey: 'out-2', text, inReplyTo: '1877001900000000077' });
    const bodies = server.requests.slice(start).map((r) => JSON.parse(r.body) as { text: string; reply: { in_reply_to_tweet_id: string } });
    assert.equal(bodies.length, 3);
    assert.deepEqual(bodies.map((b) => b.reply.in_reply_to_tweet_id), ['1877001900000000077', result.externalIds?.[0], result.externalIds?.[1]]);
    assert.ok(bodies.every((b, i) => b.text.endsWith(` (${i + 1}/3)`) && b.text.length <= 280));
  });

  it('maps send failures to SendError reasons', async () => {
    const send = async (m: Mode, extra: Record<string, unknown> = {}): Promise<SendError> => {
      mode = m;
      posts = 0;
      const err = await connector.send!(harness().ctx(), { idempotencyKey: 'k', text: 'hello', inReplyTo: '1', ...extra }).then(
        () => assert.fail('expected a SendError'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof SendError);
      return err;
    };
    const auth = await send('unauthorized');
    assert.deepEqual([auth.reason, auth.retryable], ['auth', false]);
    const limited = await send('rate_limited');
    assert.deepEqual([limited.reason, limited.retryable, limited.retryAfterMs], ['rate_limited', true, 600_000]);
    const bad = await send('bad_request');
    assert.deepEqual([bad.reason, bad.retryable], ['rejected', false]);
    assert.match(bad.message, /One or more parameters/);
    const dup = await send('duplicate');
    assert.deepEqual([dup.reason, dup.retryable], ['rejected', false]);
    assert.deepEqual((await send('ok', { isPrivate: true })).reason, 'unsupported');

    // Part of a chain went out: not retryable, and the message says what was posted.
    const partial = await send('fail_second_post', { text: Array.from({ length: 90 }, (_, i) => `step${i}`).join(' ') });
    assert.deepEqual([partial.reason, partial.retryable], ['network', false]);
    assert.match(partial.message, /already posted: \d+/);

    const gone = await startRecordingServer(() => undefined);
    await gone.close();
    mode = 'ok';
    const offline = await connector.send!(createHarness({ config: { userId: BRAND, username: 'AcmeSupport', apiBaseUrl: gone.baseUrl }, secrets }).ctx(), {
      idempotencyKey: 'k',
      text: 'hi',
    }).catch((e: unknown) => e);
    assert.ok(offline instanceof SendError);
    assert.deepEqual([offline.reason, offline.retryable], ['network', true]);
  });

  it('says what is missing when misconfigured', async () => {
    const h = createHarness({ config: { userId: 'not-a-number', username: 'AcmeSupport' }, secrets });
    await connector.poll!(h.ctx());
    assert.match(h.failures[0]?.reason ?? '', /^misconfigured: \/userId/);
    const noCreds = createHarness({ config: { userId: BRAND, username: 'AcmeSupport' } });
    assert.equal((await connector.checkHealth!(noCreds.ctx())).problem, 'misconfigured');
  });
});

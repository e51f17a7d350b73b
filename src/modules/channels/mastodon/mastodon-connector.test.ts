import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeClock } from '../../../platform/clock/index.ts';
import { SendError } from '../connector.ts';
import { createHarness, sendJson, startRecordingServer, type RecordedRequest, type RecordingServer } from '../rss/__fixtures__/connector-harness.ts';
import { createMastodonConnector } from './mastodon-connector.ts';
import type { MastodonCursor } from './mastodon-poll.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const clock = new FakeClock('2026-01-05T09:40:00Z');

type Mode = 'ok' | 'unauthorized' | 'rate_limited' | 'drop_newer' | 'too_long' | 'server_error';

describe('mastodon connector against recorded API payloads on loopback', () => {
  let server: RecordingServer;
  let mode: Mode = 'ok';
  let nextId = 113701000000000000n;

  /** Mastodon's pagination links: rel="next" goes older (max_id), rel="prev" newer (min_id). */
  const link = (res: ServerResponse, ids: string[]): void => {
    if (ids.length === 0) return;
    const url = (p: string): string => `<${server.baseUrl}/api/v1/notifications?limit=40&${p}&types%5B%5D=mention>`;
    res.setHeader('link', `${url(`max_id=${ids.at(-1)}`)}; rel="next", ${url(`min_id=${ids[0]}`)}; rel="prev"`);
  };
  const notifications = (req: RecordedRequest, res: ServerResponse): void => {
    const minId = req.query.get('min_id');
    if (minId === '10952' && mode === 'drop_newer') return void res.socket?.destroy();
    const page = (minId === null || minId === '10900' ? fixture('notifications-page.json') : minId === '10952' ? fixture('notifications-newer.json') : []) as { id: string }[];
    link(res, page.map((n) => n.id));
    sendJson(res, 200, page);
  };

  before(async () => {
    server = await startRecordingServer((req, res) => {
      if (mode === 'unauthorized') return sendJson(res, 401, { error: 'The access token is invalid' });
      if (mode === 'rate_limited') {
        return sendJson(res, 429, { error: 'Too many requests' }, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-01-05T09:45:00.000Z' });
      }
      if (req.method === 'GET' && req.path === '/api/v1/notifications') return notifications(req, res);
      if (req.method === 'GET' && req.path === '/api/v2/search') {
        return sendJson(res, 200, req.query.has('min_id') ? { accounts: [], statuses: [], hashtags: [] } : fixture('search-statuses.json'));
      }
      if (req.method === 'GET' && req.path === '/api/v1/accounts/verify_credentials') return sendJson(res, 200, fixture('verify-credentials.json'));
      if (req.method === 'POST' && req.path === '/api/v1/statuses') {
        if (mode === 'too_long') return sendJson(res, 422, { error: 'Validation failed: Text character limit of 500 exceeded' });
        if (mode === 'server_error') return sendJson(res, 503, { error: 'Service Unavailable' });
        const body = JSON.parse(req.body) as { status: string; in_reply_to_id?: string; visibility: string };
        const id = String(nextId++);
        const created = fixture('status-created.json') as Record<string, unknown>;
        return sendJson(res, 200, {
          ...created,
          id,
          url: `https://mastodon.example/@acme/${id}`,
          uri: `https://mastodon.example/users/acme/statuses/${id}`,
          content: `<p>${body.status}</p>`,
          in_reply_to_id: body.in_reply_to_id ?? null,
          visibility: body.visibility,
        });
      }
      return sendJson(res, 404, { error: 'Record not found' });
    });
  });
  after(() => server.close());
  beforeEach(() => {
    mode = 'ok';
  });

  const connector = createMastodonConnector({ clock });
  const harness = (extra: Record<string, unknown> = {}, cursor?: unknown) =>
    createHarness({
      config: { instanceUrl: server.baseUrl, acct: 'acme', accountId: '109300000000000001', ...extra },
      secrets: { accessToken: 'token-abc' },
      cursor,
    });
  const at = (minId: string): MastodonCursor => ({ notifications: { minId }, search: { minId: null, query: null } });

  it('reads mention notifications with a bearer token and maps the statuses', async () => {
    const h = harness();
    const start = server.requests.length;
    await connector.poll!(h.ctx());
    assert.deepEqual(h.failures, []);
    const [req, ...rest] = server.requests.slice(start);
    assert.equal(rest.length, 0, 'the first poll takes the newest page only');
    assert.equal(req?.path, '/api/v1/notifications');
    assert.deepEqual(req?.query.getAll('types[]'), ['mention']);
    assert.equal(req?.query.get('limit'), '40');
    assert.equal(req?.query.has('min_id'), false);
    assert.equal(req?.headers.authorization, 'Bearer token-abc');
    assert.deepEqual((h.cursor as MastodonCursor).notifications, { minId: '10952' });

    const reply = h.stored.get('113700000000000105');
    assert.equal(reply?.kind, 'reply');
    assert.equal(reply?.visibility, 'public');
    assert.equal(reply?.inReplyTo, '113699000000000001');
    assert.equal(reply?.text, "@acme since firmware 4.2 my Pro 3 won't pair with my laptop :(\nOrder #A1187");
    assert.equal(reply?.url, 'https://mastodon.example/@jo/113700000000000105');
    assert.equal(reply?.authoredAt.toISOString(), '2026-01-05T09:14:03.000Z');
    assert.deepEqual(reply?.author, {
      externalId: 'jo@mastodon.example',
      handle: 'jo@mastodon.example',
      displayName: 'Jo 🎧',
      followers: 842,
      verified: true,
      profileUrl: 'https://mastodon.example/@jo',
      avatarUrl: 'https://files.mastodon.example/accounts/avatars/109311111111111111/original/a.png',
    });
    assert.deepEqual(reply?.engagement, { likes: 2, reposts: 0, replies: 1 });
    assert.equal(reply?.isOwn, false);
    assert.equal((reply?.raw as { id: string }).id, '10952', 'raw is the notification');

    const dm = h.stored.get('113699900000000077');
    assert.equal(dm?.kind, 'dm');
    assert.equal(dm?.visibility, 'private');
    assert.equal(dm?.title, 'order issue');
    assert.equal(dm?.author.externalId, 'kai@fosstodon.example');
  });

  it('follows Link rel="prev" forward from min_id, committing page by page', async () => {
    const h = harness({}, at('10900'));
    const start = server.requests.length;
    await connector.poll!(h.ctx());
    const mins = server.requests.slice(start).map((r) => r.query.get('min_id'));
    assert.deepEqual(mins, ['10900', '10952', '10960']);
    assert.deepEqual(server.requests.slice(start + 1).map((r) => r.query.getAll('types[]')), [['mention'], ['mention']]);
    assert.equal(h.stored.size, 3);
    assert.equal(h.stored.get('113700100000000300')?.visibility, 'public', 'unlisted is public');
    assert.deepEqual((h.cursor as MastodonCursor).notifications, { minId: '10960' });
    assert.deepEqual(h.batches.map((b) => b.length), [2, 1]);
  });

  it('keeps the committed page and resumes after a network error mid-poll', async () => {
    mode = 'drop_newer';
    const h = harness({}, at('10900'));
    await connector.poll!(h.ctx());
    assert.match(h.failures[0]?.reason ?? '', /^unreachable: notifications: /);
    assert.equal(h.stored.size, 2);
    assert.deepEqual((h.cursor as MastodonCursor).notifications, { minId: '10952' });

    mode = 'ok';
    const start = server.requests.length;
    await connector.poll!(h.ctx());
    assert.equal(server.requests[start]?.query.get('min_id'), '10952');
    assert.equal(h.stored.size, 3);
  });

  it('searches statuses, marks its items and the brand’s own posts, then asks from min_id', async () => {
    const h = harness({ searchQuery: 'acme pro 3' }, at('10960'));
    await connector.poll!(h.ctx());
    const search = server.requests.at(-1);
    assert.equal(search?.path, '/api/v2/search');
    assert.equal(search?.query.get('q'), 'acme pro 3');
    assert.equal(search?.query.get('type'), 'statuses');
    assert.equal(search?.query.get('resolve'), 'false');
    assert.equal(h.stored.get('113700200000000400')?.isOwn, true);
    assert.equal(h.stored.get('113700200000000400')?.fromSearch, true);
    assert.equal(h.stored.get('113700150000000350')?.isOwn, false);
    assert.deepEqual((h.cursor as MastodonCursor).search, { minId: '113700200000000400', query: 'acme pro 3' });

    await connector.poll!(h.ctx());
    assert.equal(server.requests.at(-1)?.query.get('min_id'), '113700200000000400');
  });

  it('reports 401 as auth (health too) and 429 as rate limited until the reset', async () => {
    mode = 'unauthorized';
    const h = harness({ searchQuery: 'acme' }, at('10960'));
    await connector.poll!(h.ctx());
    assert.deepEqual(h.failures.map((f) => f.reason), ['auth: notifications: HTTP 401: The access token is invalid']);
    assert.deepEqual(h.cursor, at('10960'));
    assert.deepEqual(await connector.checkHealth!(h.ctx()), { ok: false, problem: 'auth', detail: 'HTTP 401: The access token is invalid' });

    mode = 'rate_limited';
    const limited = harness({}, at('10960'));
    await connector.poll!(limited.ctx());
    assert.deepEqual(limited.failures[0]?.detail?.raw, { stream: 'notifications', httpStatus: 429, retryAfterMs: 300_000 });

    mode = 'ok';
    assert.deepEqual(await connector.checkHealth!(h.ctx()), { ok: true });
  });

  it('replies in thread with the mention first and the outbox id as Idempotency-Key', async () => {
    const h = harness();
    const result = await connector.send!(h.ctx(), {
      idempotencyKey: 'outbox-7',
      text: 'Sorry about that! 4.3 fixes pairing and ships this week.',
      inReplyTo: '113700000000000105',
      recipient: { externalId: 'jo@mastodon.example', handle: 'jo@mastodon.example' },
    });
    const req = server.requests.at(-1);
    assert.equal(req?.method, 'POST');
    assert.equal(req?.headers['idempotency-key'], 'outbox-7');
    assert.equal(req?.headers.authorization, 'Bearer token-abc');
    assert.deepEqual(JSON.parse(req?.body ?? ''), {
      status: '@jo@mastodon.example Sorry about that! 4.3 fixes pairing and ships this week.',
      visibility: 'public',
      in_reply_to_id: '113700000000000105',
    });
    assert.equal(result.url, `https://mastodon.example/@acme/${result.externalId}`);
  });

  it('answers a DM with a direct status, and splits a long reply into a keyed chain', async () => {
    const h = harness({ replyVisibility: 'unlisted' });
    const start = server.requests.length;
    await connector.send!(h.ctx(), {
      idempotencyKey: 'outbox-8',
      text: '@kai@fosstodon.example I have checked: it ships today.',
      inReplyTo: '113699900000000077',
      isPrivate: true,
      recipient: { externalId: 'kai@fosstodon.example', handle: 'kai@fosstodon.example' },
    });
    const dm = JSON.parse(server.requests[start]?.body ?? '') as { status: string; visibility: string };
    assert.equal(dm.visibility, 'direct');
    assert.equal(dm.status, '@kai@fosstodon.example I have checked: it ships today.', 'no second mention');

    const long = Array.from({ length: 150 }, (_, i) => `word${i}`).join(' ');
    const before = server.requests.length;
    const result = await connector.send!(h.ctx(), {
      idempotencyKey: 'outbox-9',
      text: long,
      inReplyTo: '113700000000000105',
      recipient: { externalId: 'jo@mastodon.example', handle: 'jo@mastodon.example' },
    });
    const calls = server.requests.slice(before);
    assert.equal(calls.length, 3);
    assert.equal(result.externalIds?.length, 3);
    assert.deepEqual(calls.map((c) => c.headers['idempotency-key']), ['outbox-9', 'outbox-9:2', 'outbox-9:3']);
    const bodies = calls.map((c) => JSON.parse(c.body) as { status: string; in_reply_to_id: string; visibility: string });
    assert.deepEqual(bodies.map((b) => b.in_reply_to_id), ['113700000000000105', ...(result.externalIds ?? []).slice(0, -1)]);
    assert.ok(bodies.every((b) => b.status.startsWith('@jo@mastodon.example ') && [...b.status].length <= 500 && b.visibility === 'unlisted'));
  });

  it('maps send failures to SendError reasons', async () => {
    const fail = async (m: Mode): Promise<SendError> => {
      mode = m;
      const err = await connector.send!(harness().ctx(), { idempotencyKey: 'k', text: 'hello', inReplyTo: '1' }).catch((e: unknown) => e);
      assert.ok(err instanceof SendError, String(err));
      return err;
    };
    assert.deepEqual(await fail('unauthorized').then((e) => [e.reason, e.retryable]), ['auth', false]);
    assert.deepEqual(await fail('too_long').then((e) => [e.reason, e.retryable]), ['too_long', false]);
    assert.deepEqual(await fail('server_error').then((e) => [e.reason, e.retryable]), ['network', true]);
    const limited = await fail('rate_limited');
    assert.deepEqual([limited.reason, limited.retryable, limited.retryAfterMs], ['rate_limited', true, 300_000]);

    const gone = await startRecordingServer(() => undefined);
    await gone.close();
    const offline = await connector
      .send!(createHarness({ config: { instanceUrl: gone.baseUrl, acct: 'acme' }, secrets: { accessToken: 't' } }).ctx(), { idempotencyKey: 'k', text: 'hi' })
      .catch((e: unknown) => e);
    assert.ok(offline instanceof SendError);
    assert.deepEqual([offline.reason, offline.retryable], ['network', true]);

    const noMention = await connector.send!(harness().ctx(), { idempotencyKey: 'k', text: 'hi', isPrivate: true }).catch((e: unknown) => e);
    assert.ok(noMention instanceof SendError && noMention.reason === 'rejected');
  });

  it('says what is missing when misconfigured', async () => {
    const h = createHarness({ config: { instanceUrl: server.baseUrl, acct: 'acme' } });
    await connector.poll!(h.ctx());
    assert.deepEqual(h.failures.map((f) => f.reason), ['misconfigured: no accessToken']);
    assert.equal((await connector.checkHealth!(h.ctx())).problem, 'misconfigured');
  });
});

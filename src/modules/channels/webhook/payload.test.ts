import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { MAX_ITEMS_PER_DELIVERY, WebhookPayload, examplePayload, parseWebhookBody, parseWebhookPayload } from './payload.ts';

describe('webhook payload', () => {
  it('the documented example is valid and maps to inbound items', () => {
    assert.ok(Value.Check(WebhookPayload, examplePayload));
    const result = parseWebhookPayload(examplePayload);
    assert.ok(result.ok);
    const [post, reply] = result.items;
    assert.deepEqual(
      { ...post, raw: undefined },
      {
        externalId: 'vendor-7f3a9c',
        kind: 'post',
        visibility: 'public',
        text: 'Ordered the Acme Pro 3 two weeks ago and it still has not shipped. Anyone from @acme here?',
        title: 'Acme order late',
        url: 'https://forum.example/t/acme-order-late/8812#p3',
        authoredAt: new Date('2026-01-05T09:12:44Z'),
        author: {
          externalId: 'forum-user-5521',
          handle: 'kettle_drum',
          displayName: 'Kay Drummond',
          followers: 312,
          verified: false,
          profileUrl: 'https://forum.example/u/kettle_drum',
        },
        inReplyTo: null,
        threadRoot: null,
        raw: undefined,
      },
    );
    assert.deepEqual(post?.raw, examplePayload.items[0]);
    assert.equal(reply?.kind, 'reply', 'inReplyTo makes it a reply');
    assert.equal(reply?.inReplyTo, 'vendor-7f3a9c');
    assert.equal(reply?.visibility, 'public');
  });

  it('names every bad field by its path', () => {
    const result = parseWebhookPayload({
      items: [
        { id: '', text: 'x', createdAt: 'yesterday', author: { id: 'a', handle: 'h', followers: -1 }, colour: 'red' },
        { text: 'no id', createdAt: '2026-01-05T09:00:00Z', author: {} },
        { id: 'k', text: 'x', createdAt: '2026-01-05T09:00:00Z', url: 'not a url', author: { id: 'a', handle: 'h' } },
      ],
    });
    assert.equal(result.ok, false);
    const paths = !result.ok ? result.errors.map((e) => e.path) : [];
    for (const expected of [
      '/items/0/id',
      '/items/0/createdAt',
      '/items/0/author/followers',
      '/items/0/colour',
      '/items/1/id',
      '/items/1/author/id',
      '/items/1/author/handle',
      '/items/2/url',
    ]) {
      assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
    }
    const colour = !result.ok ? result.errors.find((e) => e.path === '/items/0/colour') : undefined;
    assert.equal(colour?.message, 'is not a known field');
  });

  it('says which values an enumerated field takes', () => {
    const item = { id: 'k', text: 'x', createdAt: '2026-01-05T09:00:00Z', author: { id: 'a', handle: 'h' } };
    const kind = parseWebhookPayload({ items: [{ ...item, kind: 'tweet' }] });
    assert.deepEqual(!kind.ok && kind.errors, [{ path: '/items/0/kind', message: 'must be one of post, reply, dm, review, article, chat, repost' }]);
    const visibility = parseWebhookPayload({ items: [{ ...item, visibility: 'secret' }] });
    assert.deepEqual(!visibility.ok && visibility.errors, [{ path: '/items/0/visibility', message: 'must be one of public, private' }]);
  });

  it('refuses an empty batch, too many items, a non-object and bad JSON', () => {
    const one = examplePayload.items[1];
    const tooMany = { items: Array.from({ length: MAX_ITEMS_PER_DELIVERY + 1 }, (_, i) => ({ ...one, id: `i-${i}` })) };
    for (const [json, path] of [
      [{ items: [] }, '/items'],
      [tooMany, '/items'],
      [[], ''],
      [{}, '/items'],
    ] as const) {
      const result = parseWebhookPayload(json);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.errors.some((e) => e.path === path), JSON.stringify(!result.ok && result.errors));
    }
    const bad = parseWebhookBody('{"items": [');
    assert.ok(!bad.ok);
    assert.equal(bad.errors[0]?.path, '');
    assert.match(bad.errors[0]?.message ?? '', /not JSON/);
    assert.ok(parseWebhookBody(Buffer.from(JSON.stringify(examplePayload))).ok);
  });
});

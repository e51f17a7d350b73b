import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppBskyFeedDefs, AppBskyNotificationListNotifications } from '@atproto/api';
import { notificationToItem, postViewToItem, sortTime } from './map-post.ts';

const did = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
const brand = 'did:plc:brandbrandbrandbrandbran';
const uri = `at://${did}/app.bsky.feed.post/3l3qo2vuowo2b`;
const opts = { brandDid: brand, profiles: new Map(), fromSearch: false };

const view = (over: Partial<AppBskyFeedDefs.PostView> = {}): AppBskyFeedDefs.PostView => ({
  uri,
  cid: 'bafyreig2fjxi3rptqdgylg7e5hmjl6mcke7rn2b6cugzlqq3i4zu6rq52q',
  author: { did, handle: 'alice.example.com', displayName: 'Alice' },
  record: { $type: 'app.bsky.feed.post', text: 'hello', createdAt: '2026-01-05T09:00:00.000Z' },
  indexedAt: '2026-01-05T09:00:02.000Z',
  ...over,
});

test('a handle Bluesky could not verify links by DID', () => {
  const item = postViewToItem(view({ author: { did, handle: 'handle.invalid' } }), opts);
  assert.equal(item.url, `https://bsky.app/profile/${did}/post/3l3qo2vuowo2b`);
  assert.equal(item.author.profileUrl, `https://bsky.app/profile/${did}`);
});

test('authoredAt is the record time when it is a date, else the index time', () => {
  assert.equal(postViewToItem(view(), opts).authoredAt.toISOString(), '2026-01-05T09:00:00.000Z');
  const junk = view({ record: { text: 'x', createdAt: 'yesterday' } });
  assert.equal(postViewToItem(junk, opts).authoredAt.toISOString(), '2026-01-05T09:00:02.000Z');
});

test('lists sort by the earlier of creation and indexing (a post dated in the future sorts by its index time)', () => {
  assert.equal(sortTime('2030-01-01T00:00:00Z', '2026-01-05T09:00:02.000Z').toISOString(), '2026-01-05T09:00:02.000Z');
  assert.equal(sortTime('2026-01-05T08:00:00Z', '2026-01-05T09:00:02.000Z').toISOString(), '2026-01-05T08:00:00.000Z');
});

test('images become attachments with the blob size and the CDN link', () => {
  const item = postViewToItem(
    view({
      record: {
        text: 'broken on arrival',
        createdAt: '2026-01-05T09:00:00.000Z',
        embed: {
          $type: 'app.bsky.embed.images',
          images: [{ alt: 'box', image: { $type: 'blob', ref: { $link: 'bafk' }, mimeType: 'image/png', size: 1234 } }],
        },
      },
      embed: {
        $type: 'app.bsky.embed.images#view',
        images: [{ thumb: 'https://cdn.example/t.png', fullsize: 'https://cdn.example/f.png', alt: 'box' }],
      },
    }),
    opts,
  );
  assert.deepEqual(item.attachments, [
    { filename: 'image-1.png', contentType: 'image/png', size: 1234, url: 'https://cdn.example/f.png' },
  ]);
});

test('a repost notification collapses into the post it reposts', () => {
  const subject = `at://${brand}/app.bsky.feed.post/3l3qo2vuowo2c`;
  const n: AppBskyNotificationListNotifications.Notification = {
    uri: `at://${did}/app.bsky.feed.repost/3l3qo2vuowo2d`,
    cid: 'bafyreig2fjxi3rptqdgylg7e5hmjl6mcke7rn2b6cugzlqq3i4zu6rq52r',
    author: { did, handle: 'alice.example.com' },
    reason: 'repost',
    reasonSubject: subject,
    record: { $type: 'app.bsky.feed.repost', subject: { uri: subject, cid: 'x' }, createdAt: '2026-01-05T09:00:00.000Z' },
    isRead: false,
    indexedAt: '2026-01-05T09:00:01.000Z',
  };
  const item = notificationToItem(n, opts);
  assert.equal(item.kind, 'repost');
  assert.equal(item.repostOf, subject);
  assert.equal(item.text, '');
  assert.equal(item.url, `https://bsky.app/profile/${brand}/post/3l3qo2vuowo2c`);
});

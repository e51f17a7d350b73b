import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { advanceFeedCursor, readRssCursor, SEEN_LIMIT, seenKey } from './feed-cursor.ts';

describe('feed cursor', () => {
  it('puts new ids first, stays bounded, and keeps the latest date', () => {
    const ids = Array.from({ length: SEEN_LIMIT + 50 }, (_, i) => `https://blog.example/p/${i}`);
    const first = advanceFeedCursor(undefined, { etag: '"a"', lastModified: null, ids, dates: [new Date('2026-01-04T00:00:00Z')] });
    assert.equal(first.seen.length, SEEN_LIMIT);
    assert.equal(first.seen[0], seenKey(ids[0] ?? ''));
    const next = advanceFeedCursor(first, { etag: '"b"', lastModified: 'Mon, 05 Jan 2026 08:30:00 GMT', ids: ['new'], dates: [new Date('2026-01-03T00:00:00Z')] });
    assert.equal(next.seen[0], seenKey('new'));
    assert.equal(next.seen.length, SEEN_LIMIT);
    assert.equal(next.etag, '"b"');
    assert.equal(next.newest, '2026-01-04T00:00:00.000Z', 'an older entry does not move it back');
  });

  it('reads whatever was stored without trusting its shape', () => {
    assert.deepEqual(readRssCursor(null), { feeds: {} });
    assert.deepEqual(readRssCursor({ feeds: 'x' }), { feeds: {} });
    assert.deepEqual(readRssCursor({ feeds: { u: { etag: 1, seen: ['a', 2] } } }), {
      feeds: { u: { etag: null, lastModified: null, seen: ['a'], newest: null } },
    });
  });
});

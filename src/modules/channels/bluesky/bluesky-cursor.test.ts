import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OVERLAP_MS, emptyStream, readBlueskyCursor, walkNewest, type StreamCursor, type StreamPage } from './bluesky-cursor.ts';

/** A newest-first list, paged like listNotifications: the cursor is the index of the next page. */
const list = (items: Array<{ id: string; at: string }>, pageSize: number, calls: Array<string | undefined> = []) =>
  async (cursor: string | undefined): Promise<StreamPage<null>> => {
    calls.push(cursor);
    const sorted = [...items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    const start = cursor ? Number(cursor) : 0;
    const page = sorted.slice(start, start + pageSize);
    return {
      entries: page.map((i) => ({ id: i.id, at: new Date(i.at), value: null })),
      cursor: start + pageSize < sorted.length ? String(start + pageSize) : undefined,
    };
  };

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();
const opts = (maxPages = 10) => ({ maxPages, shouldStop: () => false, now: () => new Date(at(59)) });
const ids = (r: { taken: Array<{ id: string }> }) => r.taken.map((e) => e.id);

test('the first walk reads one page and starts listening from its oldest item', async () => {
  const items = Array.from({ length: 5 }, (_, i) => ({ id: `p${i}`, at: at(i) }));
  const r = await walkNewest(emptyStream(), list(items, 2), opts());
  assert.deepEqual(ids(r), ['p4', 'p3']);
  assert.equal(r.next.newest, at(4));
  assert.equal(r.next.floor, at(3));
  assert.equal(r.next.backfill, null, 'history before the channel existed is not imported');

  const again = await walkNewest(r.next, list(items, 2), opts());
  assert.deepEqual(ids(again), [], 'nothing older than the floor, even within the overlap');
});

test('a later walk takes what is new and stops at the watermark', async () => {
  const items = [
    { id: 'a', at: at(0) },
    { id: 'b', at: at(1) },
  ];
  const first = await walkNewest(emptyStream(), list(items, 50), opts());
  items.push({ id: 'c', at: at(5) }, { id: 'd', at: at(6) });
  const calls: Array<string | undefined> = [];
  const second = await walkNewest(first.next, list(items, 50, calls), opts());
  assert.deepEqual(ids(second), ['d', 'c']);
  assert.equal(second.next.newest, at(6));
  assert.equal(calls.length, 1);
});

test('an item indexed late but dated just before the watermark is still taken', async () => {
  const items = [{ id: 'a', at: at(10) }];
  const first = await walkNewest(emptyStream(), list(items, 50), opts());
  items.push({ id: 'b', at: at(20) });
  const second = await walkNewest(first.next, list(items, 50), opts());
  // Arrives after the watermark moved to minute 20, dated one minute earlier (inside the overlap).
  items.push({ id: 'late', at: at(19) });
  const third = await walkNewest(second.next, list(items, 50), opts());
  assert.ok(OVERLAP_MS >= 60_000);
  assert.deepEqual(ids(third), ['late']);
});

test('a burst bigger than the page budget is read over several walks, each item once', async () => {
  const items = [{ id: 'old', at: at(0) }];
  let state: StreamCursor = (await walkNewest(emptyStream(), list(items, 2), opts(1))).next;
  for (let i = 1; i <= 7; i++) items.push({ id: `n${i}`, at: at(i) });
  const taken: string[] = [];
  for (let walk = 0; walk < 6; walk++) {
    const r = await walkNewest(state, list(items, 2), opts(1));
    taken.push(...ids(r));
    state = r.next;
  }
  assert.deepEqual([...taken].sort(), ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
  assert.equal(state.backfill, null);
  assert.equal(state.newest, at(7));
});

test('a failure after some pages keeps them and goes on from the failed page next time', async () => {
  const items = [{ id: 'old', at: at(0) }];
  const first = await walkNewest(emptyStream(), list(items, 2), opts());
  for (let i = 1; i <= 4; i++) items.push({ id: `n${i}`, at: at(i) });
  const good = list(items, 2);
  let calls = 0;
  const flaky = async (cursor: string | undefined) => {
    if (++calls === 2) throw new Error('429');
    return good(cursor);
  };
  const r = await walkNewest(first.next, flaky, opts());
  assert.deepEqual(ids(r), ['n4', 'n3']);
  assert.equal((r.error as Error).message, '429');
  assert.equal(r.next.backfill?.cursor, '2');
  const rest = await walkNewest(r.next, list(items, 2), opts());
  assert.deepEqual(ids(rest), ['n2', 'n1']);
});

test('a walk that fails on its first page leaves the state untouched', async () => {
  const state = { ...emptyStream(), newest: at(3), floor: at(1) };
  const r = await walkNewest(state, async () => Promise.reject(new Error('down')), opts());
  assert.equal(r.next, state);
  assert.deepEqual(r.taken, []);
});

test('the rate guard stops a walk after the current page', async () => {
  const items = [{ id: 'old', at: at(0) }];
  const first = await walkNewest(emptyStream(), list(items, 2), opts());
  for (let i = 1; i <= 6; i++) items.push({ id: `n${i}`, at: at(i) });
  const calls: Array<string | undefined> = [];
  const r = await walkNewest(first.next, list(items, 2, calls), { ...opts(), shouldStop: () => true });
  assert.equal(calls.length, 1);
  assert.deepEqual(ids(r), ['n6', 'n5']);
  assert.ok(r.next.backfill);
});

test('a stored cursor that is junk reads as a fresh one', () => {
  assert.deepEqual(readBlueskyCursor(null), { v: 1, notifications: emptyStream(), search: {}, pausedUntil: null });
  const c = readBlueskyCursor({ notifications: { newest: 5, seen: [['x', 1], 'bad'] }, search: { acme: 'nope' } });
  assert.deepEqual(c.notifications.seen, [['x', 1]]);
  assert.equal(c.notifications.newest, null);
  assert.deepEqual(c.search['acme'], emptyStream());
});

test('a page emptied by filtering (only likes) does not end the walk while it is above the watermark', async () => {
  const state = { ...emptyStream(), newest: at(0), floor: at(0) };
  const pages: Record<string, StreamPage<null>> = {
    start: { entries: [], cursor: 'p2', oldestAt: new Date(at(30)) },
    p2: { entries: [{ id: 'mention', at: new Date(at(20)), value: null }], oldestAt: new Date(at(10)) },
  };
  const r = await walkNewest(state, async (c) => pages[c ?? 'start'] as StreamPage<null>, opts());
  assert.deepEqual(ids(r), ['mention']);
});

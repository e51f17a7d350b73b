import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EventEmitter } from 'node:events';
import { deliver, seedChannel } from '../../modules/conversations/testing.ts';
import { createTestApp, seedWorkspace, signInAs, tokenFor, type Credentials, type SeededWorkspace, type TestApp } from '../testing.ts';

interface Frame {
  id?: string;
  event?: string;
  data?: string;
}

/** A server-sent events client over a streaming fetch, as a browser's EventSource reads it. */
class SseClient {
  readonly frames: Frame[] = [];
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();
  status = 0;

  async open(url: string, headers: Record<string, string>): Promise<this> {
    const res = await fetch(url, { headers, signal: this.abort.signal });
    this.status = res.status;
    if (!res.body) return this;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const frame: Frame = {};
            for (const line of block.split('\n')) {
              const m = /^(id|event|data): ?(.*)$/.exec(line);
              if (m) frame[m[1] as keyof Frame] = m[2];
            }
            if (frame.data) this.frames.push({ event: 'message', ...frame });
          }
        }
      } catch {
        // aborted
      }
    })();
    return this;
  }

  events(): { id: number; type: string; subjectId: string | null }[] {
    return this.frames.filter((f) => f.event === 'message').map((f) => ({ id: Number(f.id), ...(JSON.parse(f.data!) as { type: string; subjectId: string | null }) })).map(({ id, type, subjectId }) => ({ id, type, subjectId }));
  }

  async waitFor(n: number): Promise<void> {
    for (let i = 0; i < 500 && this.events().length < n; i++) await new Promise((r) => setTimeout(r, 10));
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

describe('live updates (server-sent events)', () => {
  let t: TestApp;
  let ws: SeededWorkspace;
  let other: SeededWorkspace;
  let agent: Credentials;
  let base: string;
  let channel: string;
  let n = 0;
  const mention = async (workspace = ws, ch = channel) => {
    n++;
    await deliver(t.ctx, workspace.id, ch, [{ externalId: `m${n}`, text: `problem number ${n}`, author: { externalId: `a${n}`, handle: `author${n}` } }]);
  };
  const stored = async () => (await t.ctx.db.exec(`select id::int as id, type from events where workspace_id = $1 order by id`, [ws.id])).rows as { id: number; type: string }[];
  const listeners = () => (t.ctx.bus as unknown as { emitter: EventEmitter }).emitter.listenerCount(`ws:${ws.id}`);

  before(async () => {
    t = await createTestApp({ config: { LOOKOUT_LOGIN_RATE_LIMIT: '1000' } });
    ws = await seedWorkspace(t.ctx, 'acme');
    other = await seedWorkspace(t.ctx, 'other');
    agent = await signInAs(t, ws.members.agent.email);
    channel = await seedChannel(t.ctx, ws.id, 'x');
    await mention();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => t.close());

  it('starts at the newest event, streams new ones in order, and resumes after a disconnect without loss or duplicates', async () => {
    const first = await new SseClient().open(`${base}/api/events/stream`, agent.headers);
    assert.equal(first.status, 200);
    await mention();
    await mention();
    const otherChannel = await seedChannel(t.ctx, other.id, 'x');
    await mention(other, otherChannel);
    await first.waitFor(2);
    const seen = first.events();
    assert.deepEqual(seen.map((e) => e.type), ['conversation.created', 'conversation.created']);
    const ready = first.frames[0]!;
    assert.equal(ready.event, 'ready');
    assert.ok(seen.every((e) => e.id > Number(ready.id)), 'nothing from before the stream opened');
    await first.close();
    for (let i = 0; i < 50 && listeners() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(listeners(), 0, 'the closed stream unsubscribed');

    // While nobody listens: more mentions, a status change, a note.
    await mention();
    const id = (await t.ctx.db.exec(`select id from conversations where workspace_id = $1 limit 1`, [ws.id])).rows[0]!.id as string;
    await t.app.inject({ method: 'PATCH', url: `/api/conversations/${id}`, headers: agent.headers, payload: { status: 'open' } });
    await t.app.inject({ method: 'POST', url: `/api/conversations/${id}/notes`, headers: agent.headers, payload: { text: 'looking' } });

    const last = seen.at(-1)!.id;
    const resumed = await new SseClient().open(`${base}/api/events/stream`, { ...agent.headers, 'last-event-id': String(last) });
    const missed = (await stored()).filter((e) => e.id > last);
    await resumed.waitFor(missed.length);
    await mention();
    await resumed.waitFor(missed.length + 1);
    await resumed.close();
    const all = (await stored()).filter((e) => e.id > last);
    assert.deepEqual(resumed.events().map((e) => ({ id: e.id, type: e.type })), all, 'every event after Last-Event-ID, once, in order');
    assert.ok(all.some((e) => e.type === 'conversation.updated') && all.some((e) => e.type === 'conversation.note_added'));
  });

  it('?lastEventId= and ?once=true give the backlog and close; a token works; product cannot listen', async () => {
    const token = await tokenFor(t, ws.id, 'analyst');
    const res = await fetch(`${base}/api/events/stream?lastEventId=0&once=true`, { headers: token.headers });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const text = await res.text();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])).slice(1);
    assert.deepEqual(ids, (await stored()).map((e) => e.id));
    const product = await signInAs(t, ws.members.product.email);
    assert.equal((await fetch(`${base}/api/events/stream?once=true`, { headers: product.headers })).status, 403);
    assert.equal((await fetch(`${base}/api/events/stream?once=true`)).status, 401);
  });

  it('an open stream does not keep the server from shutting down', async () => {
    const open = await new SseClient().open(`${base}/api/events/stream`, agent.headers);
    await t.app.close();
    await open.close();
    assert.equal(listeners(), 0);
  });
});

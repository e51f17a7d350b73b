/**
 * What goes wrong, against the real Dovecot: a malformed message, a refused login, the server
 * dying in the middle of a poll, a dropped IDLE connection, the raw store failing a commit.
 * In each case nothing accepted is lost, nothing unprocessed is skipped, and health is told.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEmailConnector } from './index.ts';
import { createFakeContext } from './testing/fake-context.ts';
import {
  appendMessage, createTestMailbox, deleteTestMailbox, ensureMailServer, imapConfig, type MailServerEnv,
} from './testing/mail-server.ts';
import { composeMessage, newMessageId } from './testing/messages.ts';
import { startTcpProxy } from './testing/tcp-proxy.ts';

const connector = createEmailConnector({
  limits: { batchMessages: 2 },
  imap: { autoIdleDelayMs: 200, connectionTimeoutMs: 5_000 },
  backoff: { initialMs: 20, maxMs: 200 },
  fallbackPollMs: 10 * 60_000,
});
let env: MailServerEnv;
const mailboxes: string[] = [];

const setup = async (overrides: { port?: number; password?: string; mailbox?: string } = {}) => {
  const mailbox = await createTestMailbox(env, env.support);
  mailboxes.push(mailbox);
  const ctx = createFakeContext({
    config: {
      imap: { ...imapConfig(env, env.support, overrides.mailbox ?? mailbox), port: overrides.port ?? env.port },
      smtp: { host: '127.0.0.1', port: 25, secure: false },
      address: env.support.user,
    },
    secrets: { imapPassword: overrides.password ?? env.support.password },
  });
  return { ctx, mailbox };
};

const appendCustomerMail = async (mailbox: string, n: number): Promise<string[]> => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const messageId = newMessageId();
    ids.push(messageId);
    await appendMessage(env, env.support, mailbox, await composeMessage({
      from: 'fay@customer.example.test', to: env.support.user, subject: `message ${i + 1}`, messageId, text: `body ${i + 1}`,
    }));
  }
  return ids;
};

const lastUid = (cursor: unknown): number => (cursor as { lastUid: number }).lastUid;

before(async () => {
  env = await ensureMailServer();
});
after(async () => {
  await Promise.all(mailboxes.map((m) => deleteTestMailbox(env, env.support, m)));
});

describe('email connector: failures (real Dovecot)', { timeout: 60_000 }, () => {
  it('reports a malformed message with its raw bytes and still accepts the messages after it', async () => {
    const { ctx, mailbox } = await setup();
    const [before] = await appendCustomerMail(mailbox, 1);
    await appendMessage(env, env.support, mailbox, 'this is not an email at all\r\njust some bytes \u00e9\r\n');
    const [afterId] = await appendCustomerMail(mailbox, 1);

    await connector.poll!(ctx);

    assert.deepEqual(ctx.accepted.map((i) => i.externalId), [before, afterId]);
    assert.equal(ctx.failures.length, 1);
    const failure = ctx.failures[0]!;
    assert.match(failure.reason, /malformed MIME/);
    const raw = failure.raw as { uid: number; mailbox: string; sourceExcerpt: string };
    assert.equal(raw.uid, 2);
    assert.equal(raw.mailbox, mailbox);
    assert.match(raw.sourceExcerpt, /this is not an email/);
    // The failed message was recorded, so the cursor may pass it; it is not read again.
    assert.equal(lastUid(ctx.cursor), 3);
    await connector.poll!(ctx);
    assert.equal(ctx.failures.length, 1);
  });

  it('health: ok when the login works; auth, misconfigured and unreachable told apart', async () => {
    const good = await setup();
    assert.equal((await connector.checkHealth!(good.ctx)).ok, true);

    const wrongPassword = await setup({ password: 'not-the-password' });
    const auth = await connector.checkHealth!(wrongPassword.ctx);
    assert.equal(auth.ok, false);
    assert.equal(auth.problem, 'auth');

    const noMailbox = await setup({ mailbox: 'no-such-mailbox' });
    assert.equal((await connector.checkHealth!(noMailbox.ctx)).problem, 'misconfigured');

    const down = await setup({ port: 1 });
    assert.equal((await connector.checkHealth!(down.ctx)).problem, 'unreachable');

    const incomplete = createFakeContext({ config: { imap: { host: 'x' } }, secrets: {} });
    const report = await connector.checkHealth!(incomplete);
    assert.equal(report.problem, 'misconfigured');
    assert.match(report.detail ?? '', /imapPassword/);
  });

  it('a refused login fails the poll and is reported; a stream keeps retrying and reporting until stopped', async () => {
    const { ctx } = await setup({ password: 'not-the-password' });
    await assert.rejects(connector.poll!(ctx), /poll failed \(auth\)/);
    assert.equal(ctx.failures.length, 1);
    assert.equal(ctx.cursor, null);

    const streaming = connector.stream!(ctx);
    await ctx.waitFor(() => ctx.failures.length >= 3, 'repeated login failures');
    ctx.abort();
    await streaming;
    assert.ok(ctx.failures.slice(1).every((f) => /login refused/.test(f.reason)));
  });

  it('the server going down mid-poll leaves the cursor at the last committed batch; nothing is lost or repeated', async () => {
    const proxy = await startTcpProxy({ host: env.host, port: env.port });
    try {
      const { ctx, mailbox } = await setup({ port: proxy.port });
      const ids = await appendCustomerMail(mailbox, 5);
      // Batches of 2: [1,2] [3,4] [5]. The server dies when the second batch is requested.
      proxy.goDownOnCommand(/UID FETCH [\d,]+ \(/, 2);

      await assert.rejects(connector.poll!(ctx), /poll failed \(unreachable\)/);

      assert.equal(proxy.matched(), 2);
      assert.deepEqual(ctx.accepted.map((i) => i.externalId), ids.slice(0, 2));
      assert.equal(lastUid(ctx.cursor), 2);
      assert.equal(ctx.failures.length, 1);

      // The server is back (straight to Dovecot): the next poll resumes after the cursor.
      ctx.config = { ...ctx.config, imap: imapConfig(env, env.support, mailbox) };
      await connector.poll!(ctx);
      assert.deepEqual(ctx.accepted.map((i) => i.externalId), ids);
      assert.deepEqual(ctx.deliveries.flat(), ids, 'each message delivered exactly once');
      assert.equal(lastUid(ctx.cursor), 5);
    } finally {
      await proxy.close();
    }
  });

  it('a commit that fails keeps the cursor where it was, so the batch is read again', async () => {
    const { ctx, mailbox } = await setup();
    const ids = await appendCustomerMail(mailbox, 3);
    ctx.failNextAccept(new Error('database unavailable'));
    await assert.rejects(connector.poll!(ctx), /database unavailable/);
    assert.equal(ctx.cursor, null);
    assert.equal(ctx.accepted.length, 0);

    await connector.poll!(ctx);
    assert.deepEqual(ctx.accepted.map((i) => i.externalId), ids);
  });

  it('a stream whose connection drops reconnects, reports the drop and keeps receiving', async () => {
    const proxy = await startTcpProxy({ host: env.host, port: env.port });
    const { ctx, mailbox } = await setup({ port: proxy.port });
    const streaming = connector.stream!(ctx);
    try {
      const [first] = await appendCustomerMail(mailbox, 1);
      await ctx.waitFor(() => ctx.accepted.length === 1, 'the first message');
      proxy.dropConnections();
      await ctx.waitFor(() => ctx.failures.length >= 1, 'the dropped connection to be reported');
      const [second] = await appendCustomerMail(mailbox, 1);
      await ctx.waitFor(() => ctx.accepted.length === 2, 'the message after the reconnect');
      assert.deepEqual(ctx.accepted.map((i) => i.externalId), [first, second]);
      assert.match(ctx.failures[0]!.reason, /connection failed/);
    } finally {
      ctx.abort();
      await streaming;
      await proxy.close();
    }
  });
});

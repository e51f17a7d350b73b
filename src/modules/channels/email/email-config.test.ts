import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../../../platform/errors/index.ts';
import { SendError } from '../connector.ts';
import { createEmailConnector } from './email-connector.ts';
import { createFakeContext } from './testing/fake-context.ts';
import { parseEmailSettings } from './email-config.ts';
import { planBatches, readCursor } from './fetch-new-mail.ts';
import { backoffDelay } from './watch-mailbox.ts';

describe('parseEmailSettings', () => {
  it('fills defaults: INBOX, TLS on, SMTP logs in with the IMAP credentials', () => {
    const s = parseEmailSettings(
      { imap: { host: 'imap.x.test', port: 993, user: 'help' }, smtp: { host: 'smtp.x.test', port: 465 }, address: 'Help@X.test' },
      { imapPassword: 'pw' },
    );
    assert.equal(s.imap.mailbox, 'INBOX');
    assert.equal(s.imap.secure, true);
    assert.deepEqual(s.smtp.auth, { user: 'help', pass: 'pw' });
    assert.equal(s.address, 'help@x.test');
    assert.equal(s.domain, 'x.test');
  });

  it('lists every problem at once', () => {
    try {
      parseEmailSettings({ imap: { host: '', port: 'x' }, address: 'nope' }, {});
      assert.fail('should throw');
    } catch (err) {
      assert.ok(isAppError(err));
      const paths = err.fields.map((f) => f.path);
      for (const p of ['/config/smtp', '/config/address', '/secrets/imapPassword', '/config/imap/host', '/config/imap/port', '/config/imap/user']) {
        assert.ok(paths.includes(p), `${p} reported`);
      }
    }
  });
});

describe('a misconfigured channel', () => {
  it('refuses to send with a final SendError, and a poll reports it before failing', async () => {
    const connector = createEmailConnector();
    const ctx = createFakeContext({ config: { address: 'help@x.test' }, secrets: {} });
    await assert.rejects(connector.send!(ctx, { idempotencyKey: 'k', text: 't', to: ['a@b.test'] }), (err) => {
      assert.ok(err instanceof SendError);
      assert.deepEqual([err.reason, err.retryable], ['unsupported', false]);
      assert.match(err.message, /\/config\/imap is required/);
      return true;
    });
    await assert.rejects(connector.poll!(ctx), isAppError);
    assert.match(ctx.failures[0]?.reason ?? '', /misconfigured/);
  });
});

describe('cursor and batches', () => {
  it('reads only a well-formed cursor', () => {
    assert.deepEqual(readCursor({ uidValidity: '1', lastUid: 3 }), { uidValidity: '1', lastUid: 3 });
    assert.equal(readCursor(null), null);
    assert.equal(readCursor({ uidValidity: 1, lastUid: 3 }), null);
    assert.equal(readCursor({ uidValidity: '1', lastUid: -1 }), null);
  });

  it('bounds batches by count and by bytes, a huge message alone', () => {
    const msgs = [1, 2, 3, 4, 5].map((uid) => ({ uid, size: uid === 3 ? 100 : 1 }));
    assert.deepEqual(planBatches(msgs, { batchMessages: 2, batchBytes: 50 }).map((b) => b.map((m) => m.uid)), [[1, 2], [3], [4, 5]]);
  });

  it('backs off exponentially up to the cap', () => {
    const backoff = { initialMs: 100, maxMs: 1_000 };
    assert.deepEqual([1, 2, 3, 10].map((n) => backoffDelay(n, backoff, () => 1)), [100, 200, 400, 1_000]);
    assert.equal(backoffDelay(1, backoff, () => 0), 50);
  });
});

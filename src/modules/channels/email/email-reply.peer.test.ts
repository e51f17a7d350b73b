/**
 * Replying for real: the connector sends through SMTP (an in-process smtp-server that delivers
 * into the customer's Dovecot mailbox), the customer's mailbox shows the reply threaded under
 * their message, and the customer's answer threads back into the support inbox.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { SendError, type InboundItem } from '../connector.ts';
import { createEmailConnector } from './index.ts';
import { createFakeContext } from './testing/fake-context.ts';
import {
  appendMessage, createTestMailbox, deleteTestMailbox, ensureMailServer, imapConfig, startSmtpSink, withImap,
  type MailServerEnv, type SmtpSink,
} from './testing/mail-server.ts';
import { composeMessage, newMessageId } from './testing/messages.ts';

const connector = createEmailConnector({ now: () => new Date('2026-01-05T10:00:00Z') });
let env: MailServerEnv;
let smtp: SmtpSink;
let supportBox: string;
let customerBox: string;
let sentBox: string;

const context = (smtpPassword?: string) =>
  createFakeContext({
    config: {
      imap: imapConfig(env, env.support, supportBox, { sentMailbox: sentBox }),
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
      address: env.support.user,
      name: 'Acme Support',
    },
    secrets: { imapPassword: env.support.password, ...(smtpPassword ? { smtpPassword } : {}) },
  });

/** A customer email arrives in the support inbox; the connector polls it. */
const receiveCustomerEmail = async (subject: string, references: string[] = []): Promise<InboundItem> => {
  const ctx = context();
  const messageId = newMessageId();
  await appendMessage(env, env.support, supportBox, await composeMessage({
    from: `Erin <${env.customer.user}>`, to: env.support.user, subject, messageId, text: 'My invoice is wrong.',
    ...(references.length ? { references, inReplyTo: references.at(-1) as string } : {}),
  }));
  await connector.poll!(ctx);
  const item = ctx.accepted.find((i) => i.externalId === messageId);
  assert.ok(item, 'the customer email was received');
  return item;
};

before(async () => {
  env = await ensureMailServer();
  [supportBox, customerBox, sentBox] = await Promise.all([
    createTestMailbox(env, env.support, 'inbox'),
    createTestMailbox(env, env.customer, 'inbox'),
    createTestMailbox(env, env.support, 'sent'),
  ]);
  // Delivery: what the support account sends to the customer lands in the customer's mailbox.
  smtp = await startSmtpSink(env.support, async (mail) => {
    if (mail.to.includes(env.customer.user)) await appendMessage(env, env.customer, customerBox, mail.source);
  });
});
after(async () => {
  await smtp.close();
  await Promise.all([
    deleteTestMailbox(env, env.support, supportBox),
    deleteTestMailbox(env, env.support, sentBox),
    deleteTestMailbox(env, env.customer, customerBox),
  ]);
});

describe('email connector: reply (real SMTP delivery into Dovecot)', { timeout: 60_000 }, () => {
  it('sends a reply that threads in the customer\'s mailbox, and the customer\'s answer threads back', async () => {
    const earlier = newMessageId();
    const original = await receiveCustomerEmail('Re: RE: Invoice 77', [earlier]);
    const ctx = context();

    const result = await connector.send!(ctx, {
      idempotencyKey: 'reply-0001',
      text: 'Sorry about that, Erin. A corrected invoice is attached to your account.',
      inReplyTo: original.externalId,
      references: original.references ?? [],
      subject: original.title ?? null,
      to: [original.author.email!],
    });

    assert.equal(result.externalId, '<outbox-reply-0001@example.test>');
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0]!.to, [env.customer.user]);
    assert.equal(smtp.received[0]!.from, env.support.user);

    // What the customer's mail client sees, read back from their mailbox over IMAP.
    const delivered = await withImap(env, env.customer, async (c) => {
      await c.mailboxOpen(customerBox);
      const uids = await c.search({ header: { 'in-reply-to': original.externalId } }, { uid: true });
      assert.ok(Array.isArray(uids) && uids.length === 1, 'the reply is found by its In-Reply-To');
      const msg = await c.fetchOne(String(uids[0]), { source: true }, { uid: true });
      return simpleParser(msg ? msg.source! : Buffer.alloc(0));
    });
    assert.equal(delivered.messageId, result.externalId);
    assert.equal(delivered.inReplyTo, original.externalId);
    assert.deepEqual(delivered.references, [earlier, original.externalId]);
    assert.equal(delivered.subject, 'Re: Invoice 77');
    assert.equal(delivered.from?.value[0]?.address, env.support.user);
    assert.equal(delivered.from?.value[0]?.name, 'Acme Support');
    assert.match(delivered.text ?? '', /corrected invoice/);

    // The customer answers the reply; it arrives in the support inbox threaded under both.
    const answer = await receiveCustomerEmail(delivered.subject!, [earlier, original.externalId, result.externalId]);
    assert.equal(answer.inReplyTo, result.externalId);
    assert.deepEqual(answer.references, [earlier, original.externalId, result.externalId]);
    assert.equal(answer.threadRoot, earlier);
  });

  it('does not send twice when a retry finds the reply already in the Sent mailbox', async () => {
    const original = await receiveCustomerEmail('Password reset');
    const ctx = context();
    const message = { idempotencyKey: 'reply-0002', text: 'Here is the link.', inReplyTo: original.externalId, subject: original.title ?? null, to: [env.customer.user] };
    const before = smtp.received.length;

    const first = await connector.send!(ctx, message);
    const retry = await connector.send!(ctx, message);

    assert.equal(retry.externalId, first.externalId);
    assert.equal(smtp.received.length, before + 1);
    assert.equal((retry.raw as { alreadySent?: boolean }).alreadySent, true);
    const inSent = await withImap(env, env.support, async (c) => {
      await c.mailboxOpen(sentBox);
      return c.search({ header: { 'message-id': first.externalId } }, { uid: true });
    });
    assert.equal(Array.isArray(inSent) ? inSent.length : 0, 1);
  });

  it('maps SMTP failures: bad login is auth, 4xx is retryable, 5xx is rejected', async () => {
    const message = { idempotencyKey: 'reply-fail', text: 'x', inReplyTo: '<a@b.test>', subject: 'x', to: [env.customer.user] };

    await assert.rejects(connector.send!(context('wrong-password'), { ...message, idempotencyKey: 'reply-fail-auth' }), (err) => {
      assert.ok(err instanceof SendError);
      assert.equal(err.reason, 'auth');
      assert.equal(err.retryable, false);
      return true;
    });

    smtp.failNextRecipient(451, 'Temporary local problem, try again later');
    await assert.rejects(connector.send!(context(), { ...message, idempotencyKey: 'reply-fail-451' }), (err) => {
      assert.ok(err instanceof SendError);
      assert.equal(err.retryable, true);
      assert.equal(err.reason, 'network');
      return true;
    });

    smtp.failNextRecipient(550, 'No such user here');
    await assert.rejects(connector.send!(context(), { ...message, idempotencyKey: 'reply-fail-550' }), (err) => {
      assert.ok(err instanceof SendError);
      assert.equal(err.reason, 'rejected');
      assert.equal(err.retryable, false);
      assert.match(err.message, /No such user here/);
      return true;
    });
  });

  it('reports an unreachable SMTP server as a retryable network error', async () => {
    const ctx = context();
    ctx.config = { ...ctx.config, smtp: { host: '127.0.0.1', port: 1, secure: false } };
    await assert.rejects(connector.send!(ctx, { idempotencyKey: 'reply-down', text: 'x', to: [env.customer.user] }), (err) => {
      assert.ok(err instanceof SendError);
      assert.equal(err.reason, 'network');
      assert.equal(err.retryable, true);
      return true;
    });
  });
});

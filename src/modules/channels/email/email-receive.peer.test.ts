/**
 * Receiving against the real Dovecot from scripts/ci/mail-server.sh: messages APPENDed into the
 * support mailbox come out of poll() and stream() as InboundItems with the right fields.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEmailConnector } from './index.ts';
import { createFakeContext } from './testing/fake-context.ts';
import {
  appendMessage, createTestMailbox, deleteTestMailbox, ensureMailServer, imapConfig, type MailServerEnv,
} from './testing/mail-server.ts';
import { composeMessage, newMessageId } from './testing/messages.ts';

const connector = createEmailConnector({ imap: { autoIdleDelayMs: 200 }, fallbackPollMs: 10 * 60_000 });
let env: MailServerEnv;
const mailboxes: string[] = [];

const supportContext = async (cursor?: unknown) => {
  const mailbox = await createTestMailbox(env, env.support);
  mailboxes.push(mailbox);
  const ctx = createFakeContext({
    config: {
      imap: imapConfig(env, env.support, mailbox),
      smtp: { host: '127.0.0.1', port: 25, secure: false },
      address: env.support.user,
      name: 'Acme Support',
    },
    secrets: { imapPassword: env.support.password },
    cursor,
  });
  return { ctx, mailbox };
};

before(async () => {
  env = await ensureMailServer();
});
after(async () => {
  await Promise.all(mailboxes.map((m) => deleteTestMailbox(env, env.support, m)));
});

describe('email connector: receive (real Dovecot)', { timeout: 60_000 }, () => {
  it('polls a new message into an item with author, subject, threading ids, stripped text and attachments', async () => {
    const { ctx, mailbox } = await supportContext();
    const messageId = newMessageId();
    const small = Buffer.from('%PDF-1.4 receipt for order 1042\n');
    const large = Buffer.alloc(300 * 1024, 7);
    await appendMessage(env, env.support, mailbox, await composeMessage({
      from: 'Ann Customer <Ann.Customer@Customer.Example.test>',
      to: env.support.user,
      subject: 'My order 1042 arrived broken',
      messageId,
      text: 'The lid was cracked.\nCan you send a new one?\n\n-- \nAnn\nSent with love',
      attachments: [
        { filename: 'receipt.pdf', contentType: 'application/pdf', content: small },
        { filename: 'photo.raw', contentType: 'application/octet-stream', content: large },
      ],
    }));

    await connector.poll!(ctx);

    assert.equal(ctx.accepted.length, 1);
    const item = ctx.accepted[0]!;
    assert.equal(item.externalId, messageId);
    assert.equal(item.kind, 'email');
    assert.equal(item.visibility, 'private');
    assert.equal(item.title, 'My order 1042 arrived broken');
    assert.equal(item.text, 'The lid was cracked.\nCan you send a new one?');
    assert.deepEqual(item.author, {
      externalId: 'ann.customer@customer.example.test',
      handle: 'ann.customer@customer.example.test',
      displayName: 'Ann Customer',
      email: 'ann.customer@customer.example.test',
    });
    assert.equal(item.authoredAt.toISOString(), '2026-01-05T09:00:00.000Z');
    assert.equal(item.isOwn, false);
    assert.equal(item.inReplyTo, null);
    assert.deepEqual(item.references, []);
    const [pdf, photo] = item.attachments ?? [];
    assert.deepEqual(pdf, { filename: 'receipt.pdf', contentType: 'application/pdf', size: small.length, contentBase64: small.toString('base64') });
    assert.deepEqual(photo, { filename: 'photo.raw', contentType: 'application/octet-stream', size: large.length });
    // The raw payload keeps the whole body, signature included, and where the message sits.
    const raw = item.raw as { text: string; mailbox: string; uid: number };
    assert.match(raw.text, /Sent with love/);
    assert.equal(raw.mailbox, mailbox);
    assert.equal(raw.uid, 1);
    assert.deepEqual(ctx.cursor, { uidValidity: (ctx.cursor as { uidValidity: string }).uidValidity, lastUid: 1 });
    assert.equal(ctx.failures.length, 0);

    // A second poll from the committed cursor finds nothing new.
    await connector.poll!(ctx);
    assert.equal(ctx.accepted.length, 1);
  });

  it('threads a customer reply by In-Reply-To and References, and marks the brand\'s own mail', async () => {
    const { ctx, mailbox } = await supportContext();
    const first = newMessageId();
    const ours = '<outbox-1@example.test>';
    const followUp = newMessageId();
    await appendMessage(env, env.support, mailbox, await composeMessage({
      from: 'bob@customer.example.test', to: env.support.user, subject: 'Refund?', messageId: first, text: 'Where is my refund?',
    }));
    await appendMessage(env, env.support, mailbox, await composeMessage({
      from: env.support.user, to: 'bob@customer.example.test', subject: 'Re: Refund?', messageId: ours, inReplyTo: first, references: [first],
      text: 'It is on its way.',
    }));
    await appendMessage(env, env.support, mailbox, await composeMessage({
      from: 'bob@customer.example.test', to: env.support.user, subject: 'Re: Refund?', messageId: followUp, inReplyTo: ours,
      references: [first, ours],
      text: 'Thanks, got it!\n\nOn Mon, 5 Jan 2026 at 10:00, Acme Support <support@example.test> wrote:\n> It is on its way.',
    }));

    await connector.poll!(ctx);

    assert.deepEqual(ctx.accepted.map((i) => i.externalId), [first, ours, followUp]);
    const [, own, reply] = ctx.accepted;
    assert.equal(own!.isOwn, true);
    assert.equal(reply!.inReplyTo, ours);
    assert.deepEqual(reply!.references, [first, ours]);
    assert.equal(reply!.threadRoot, first);
    assert.equal(reply!.text, 'Thanks, got it!');
  });

  it('falls back to the HTML part when there is no text/plain', async () => {
    const { ctx, mailbox } = await supportContext();
    await appendMessage(env, env.support, mailbox, await composeMessage({
      from: 'cara@customer.example.test', to: env.support.user, subject: 'html only',
      html: '<p>The <b>app</b> crashes on login.</p><blockquote>old quoted text</blockquote>',
    }));
    await connector.poll!(ctx);
    assert.equal(ctx.accepted[0]?.text, 'The app crashes on login.');
  });

  it('streams: a message that arrives while the connection is in IDLE is accepted', async () => {
    const { ctx, mailbox } = await supportContext();
    await appendMessage(env, env.support, mailbox, await composeMessage({
      from: 'dan@customer.example.test', to: env.support.user, subject: 'before', text: 'already there',
    }));
    const streaming = connector.stream!(ctx);
    try {
      await ctx.waitFor(() => ctx.accepted.length === 1, 'the initial sync');
      const lateId = newMessageId();
      await appendMessage(env, env.support, mailbox, await composeMessage({
        from: 'dan@customer.example.test', to: env.support.user, subject: 'during IDLE', messageId: lateId, text: 'new one',
      }));
      await ctx.waitFor(() => ctx.accepted.length === 2, 'the message announced by IDLE');
      assert.equal(ctx.accepted[1]?.externalId, lateId);
      assert.equal((ctx.cursor as { lastUid: number }).lastUid, 2);
    } finally {
      ctx.abort();
      await streaming;
    }
    assert.equal(ctx.failures.length, 0);
  });
});

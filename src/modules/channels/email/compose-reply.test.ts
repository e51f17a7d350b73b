import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { SendError } from '../connector.ts';
import { composeReply, outboxMessageId, replyReferences, replySubject } from './compose-reply.ts';
import { parseEmailSettings } from './email-config.ts';
import { mapSmtpError } from './send-email.ts';

const settings = parseEmailSettings(
  { imap: { host: 'imap.acme.test', port: 993, user: 'support' }, smtp: { host: 'smtp.acme.test', port: 465 }, address: 'Support@Acme.test', name: 'Acme' },
  { imapPassword: 'secret' },
);

describe('composeReply', () => {
  it('threads: In-Reply-To is the parent, References the chain plus the parent, one "Re:"', async () => {
    const reply = await composeReply(settings, {
      idempotencyKey: 'row-9', text: 'Fixed.', inReplyTo: '<p@c.test>', references: ['<r@c.test>'], subject: 'RE: Aw: Broken', to: ['Ann@C.test'],
    }, new Date('2026-01-05T10:00:00Z'));
    const parsed = await simpleParser(reply.source);
    assert.equal(parsed.messageId, '<outbox-row-9@acme.test>');
    assert.equal(parsed.inReplyTo, '<p@c.test>');
    assert.deepEqual(parsed.references, ['<r@c.test>', '<p@c.test>']);
    assert.equal(parsed.subject, 'Re: Broken');
    assert.equal(parsed.from?.text, '"Acme" <support@acme.test>');
    assert.deepEqual(reply.to, ['ann@c.test']);
  });

  it('uses the recipient\'s address when no To list is given, and refuses a reply with none', async () => {
    const reply = await composeReply(settings, { idempotencyKey: 'k', text: 't', recipient: { externalId: 'bob@c.test', handle: 'bob@c.test' } }, new Date());
    assert.deepEqual(reply.to, ['bob@c.test']);
    assert.equal(reply.subject, '(no subject)');
    await assert.rejects(composeReply(settings, { idempotencyKey: 'k', text: 't', to: ['not an address'] }, new Date()), SendError);
  });

  it('derives the same Message-ID from the same outbox key', () => {
    assert.equal(outboxMessageId('a/b c', 'acme.test'), '<outbox-a-b-c@acme.test>');
    assert.equal(outboxMessageId('a/b c', 'acme.test'), outboxMessageId('a/b c', 'acme.test'));
  });

  it('keeps subjects and long reference chains sane', () => {
    assert.equal(replySubject('Re: re:  Re[2]: Invoice'), 'Re: Invoice');
    assert.equal(replySubject(''), 'Re: (no subject)');
    const chain = Array.from({ length: 30 }, (_, i) => `<m${i}@c.test>`);
    const refs = replyReferences(chain, '<last@c.test>');
    assert.equal(refs.length, 20);
    assert.equal(refs[0], '<m0@c.test>');
    assert.equal(refs.at(-1), '<last@c.test>');
  });
});

describe('mapSmtpError', () => {
  const err = (props: object) => Object.assign(new Error('smtp said no'), props);

  it('maps authentication failures to auth, 4xx to retryable, 5xx to rejected', () => {
    assert.equal(mapSmtpError(err({ code: 'EAUTH', responseCode: 535 })).reason, 'auth');
    const deferred = mapSmtpError(err({ code: 'EENVELOPE', responseCode: 451, response: '451 4.3.0 try later' }));
    assert.deepEqual([deferred.reason, deferred.retryable], ['network', true]);
    const limited = mapSmtpError(err({ code: 'EENVELOPE', responseCode: 421, response: '421 too many connections' }));
    assert.deepEqual([limited.reason, limited.retryable], ['rate_limited', true]);
    const rejected = mapSmtpError(err({ code: 'EENVELOPE', responseCode: 550, response: '550 no such user' }));
    assert.deepEqual([rejected.reason, rejected.retryable], ['rejected', false]);
    assert.equal(mapSmtpError(err({ code: 'EMESSAGE', responseCode: 552, response: '552 message size exceeds' })).reason, 'too_long');
    assert.deepEqual([mapSmtpError(err({ code: 'ECONNECTION' })).reason, mapSmtpError(err({ code: 'ECONNECTION' })).retryable], ['network', true]);
  });
});

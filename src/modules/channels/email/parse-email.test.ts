import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { messageIdsOf, parseEmail, type ParseOptions } from './parse-email.ts';
import { composeMessage } from './testing/messages.ts';

const position = { mailbox: 'INBOX', uidValidity: '42', uid: 7, internalDate: new Date('2026-01-06T00:00:00Z') };
const options: ParseOptions = { ownAddress: 'Support@Acme.test', maxInlineAttachmentBytes: 10 };

describe('parseEmail', () => {
  it('turns a message into an email item keyed by its Message-ID', async () => {
    const source = await composeMessage({
      from: '"Ann" <ANN@Example.test>', to: 'support@acme.test', subject: 'Hi', messageId: '<m1@example.test>',
      inReplyTo: '<p1@acme.test>', references: ['<r0@example.test>', '<p1@acme.test>'], text: 'Hello\n\n> quoted',
      attachments: [
        { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('tiny') },
        { filename: 'b.bin', contentType: 'application/octet-stream', content: Buffer.alloc(11) },
      ],
    });
    const result = await parseEmail(source, position, options);
    assert.ok(result.ok);
    const { item } = result;
    assert.equal(item.externalId, '<m1@example.test>');
    assert.equal(item.author.externalId, 'ann@example.test');
    assert.equal(item.author.displayName, 'Ann');
    assert.equal(item.text, 'Hello');
    assert.equal(item.inReplyTo, '<p1@acme.test>');
    assert.deepEqual(item.references, ['<r0@example.test>', '<p1@acme.test>']);
    assert.equal(item.threadRoot, '<r0@example.test>');
    assert.equal(item.attachments?.[0]?.contentBase64, Buffer.from('tiny').toString('base64'));
    assert.equal(item.attachments?.[1]?.contentBase64, undefined);
    assert.equal(item.attachments?.[1]?.size, 11);
    assert.doesNotThrow(() => JSON.stringify(item.raw));
  });

  it('recognises the support address as the brand\'s own, whatever its case', async () => {
    const result = await parseEmail(await composeMessage({ from: 'support@ACME.test', to: 'x@y.test', subject: 's', text: 't' }), position, options);
    assert.ok(result.ok);
    assert.equal(result.item.isOwn, true);
  });

  it('names a message without Message-ID by a hash of its bytes, stable across reads', async () => {
    const source = Buffer.from('From: a@b.test\r\nSubject: no id\r\n\r\nbody\r\n');
    const [one, two] = await Promise.all([parseEmail(source, position, options), parseEmail(source, { ...position, uid: 99 }, options)]);
    assert.ok(one.ok && two.ok);
    assert.match(one.item.externalId, /^<sha256-[0-9a-f]{32}@lookout\.invalid>$/);
    assert.equal(one.item.externalId, two.item.externalId);
    // No Date header: the server's arrival time.
    assert.equal(one.item.authoredAt.toISOString(), '2026-01-06T00:00:00.000Z');
  });

  it('refuses a message without headers or without a sender, with the reason and an excerpt', async () => {
    const garbage = await parseEmail(Buffer.from('\u0000\u0001 not mail'), position, options);
    assert.equal(garbage.ok, false);
    const noFrom = await parseEmail(Buffer.from('Subject: who?\r\nMessage-ID: <x@y.test>\r\n\r\nhi'), position, options);
    assert.ok(!noFrom.ok);
    assert.match(noFrom.reason, /no usable From/);
    assert.equal(noFrom.externalId, '<x@y.test>');
    assert.equal((noFrom.raw as { uid: number }).uid, 7);
  });

  it('reads message ids out of messy headers', () => {
    assert.deepEqual(messageIdsOf('<a@x>  (comment) <b@x>\r\n <a@x>'), ['<a@x>', '<b@x>']);
    assert.deepEqual(messageIdsOf(['<a@x>', '<c@x>']), ['<a@x>', '<c@x>']);
    assert.deepEqual(messageIdsOf(undefined), []);
  });
});

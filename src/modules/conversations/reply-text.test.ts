import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkLength, renderTemplate, signWithPersona, templateVariables, textLength } from './reply-text.ts';
import { findMentionedMembers } from './note-mentions.ts';

describe('reply text', () => {
  it('fills variables and reports the ones without a value instead of sending braces', () => {
    const t = 'Hi {{ customer.name }}, {{agent.name}} here {{agent.persona}}. Order {{order.id}}';
    assert.deepEqual(templateVariables(t), ['customer.name', 'agent.name', 'agent.persona', 'order.id']);
    const ok = renderTemplate(t, { 'customer.name': 'Jo', 'agent.name': 'Sam', 'agent.persona': '^SK', 'order.id': 'A-1' });
    assert.deepEqual(ok, { text: 'Hi Jo, Sam here ^SK. Order A-1', missing: [] });
    assert.deepEqual(renderTemplate(t, { 'customer.name': 'Jo', 'agent.name': 'Sam', 'agent.persona': null }).missing, ['agent.persona', 'order.id']);
  });

  it('signs with the persona once, in the Twelpforce style', () => {
    assert.equal(signWithPersona('We are on it.', 'JS'), 'We are on it. ^JS');
    assert.equal(signWithPersona('We are on it. ^JS', '^JS'), 'We are on it. ^JS');
    assert.equal(signWithPersona('We are on it.', null), 'We are on it.');
  });

  it('counts what people see, and refuses an over-long reply only where the channel cannot thread', () => {
    assert.equal(textLength('👍🏽 ok'), 4);
    assert.equal(checkLength('x'.repeat(300), { maxLength: 280, canThread: true }, 'X').willThread, true);
    const refused = checkLength('x'.repeat(301), { maxLength: 300, canThread: false }, 'Chat');
    assert.equal(refused.ok, false);
    assert.match(refused.reason!, /301 characters; Chat allows 300/);
    assert.equal(checkLength('x'.repeat(10_000), { maxLength: null, canThread: false }, 'Mail').ok, true);
  });
});

describe('note mentions', () => {
  const members = [
    { id: 'a', name: 'Jo Smith', email: 'jo@acme.test' },
    { id: 'b', name: 'Sam Kay', email: 'sam.kay@acme.test' },
    { id: 'c', name: 'Sam Lee', email: 'lee@acme.test' },
  ];
  it('finds members by email, its local part, full name with or without spaces, and unique first name', () => {
    assert.deepEqual(findMentionedMembers('cc @jo@acme.test please', members), ['a']);
    assert.deepEqual(findMentionedMembers('@sam.kay can you look?', members), ['b']);
    assert.deepEqual(findMentionedMembers('@Sam Lee thanks, and @JoSmith', members).sort(), ['a', 'c']);
    assert.deepEqual(findMentionedMembers('@jo: refund approved', members), ['a']);
    // "Sam" is two people: nobody is guessed.
    assert.deepEqual(findMentionedMembers('@sam help', members), []);
    assert.deepEqual(findMentionedMembers('mail me at x@jo.example, or @nobody', members), []);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripQuotedReply } from './strip-quoted-reply.ts';

describe('stripQuotedReply', () => {
  it('cuts at a Gmail/Apple "On … wrote:" header, also when folded over two lines', () => {
    assert.equal(stripQuotedReply('Thanks!\n\nOn Mon, 5 Jan 2026 at 09:00, Ann <ann@x.test> wrote:\n> old'), 'Thanks!');
    assert.equal(stripQuotedReply('Thanks!\n\nOn Mon, 5 Jan 2026 at 09:00, Ann Longname\n<ann@x.test> wrote:\n> old'), 'Thanks!');
    assert.equal(stripQuotedReply('Danke\n\nAm 05.01.2026 um 09:00 schrieb Ann <ann@x.test>:\n> alt'), 'Danke');
    assert.equal(stripQuotedReply('Merci\r\n\r\nLe lun. 5 janv. 2026, Ann <ann@x.test> a écrit :\r\n> ancien'), 'Merci');
  });

  it('cuts at Outlook\'s header block and at "Original Message"', () => {
    const outlook = 'Still broken.\n\n________________________________\nFrom: Acme Support <support@acme.test>\nSent: Monday, January 5, 2026 9:00 AM\nTo: Ann\nSubject: Re: lid\n\nHello';
    assert.equal(stripQuotedReply(outlook), 'Still broken.');
    assert.equal(stripQuotedReply('Yes\n-----Original Message-----\nFrom: x\nold'), 'Yes');
  });

  it('drops the signature after "-- " and mobile footers', () => {
    assert.equal(stripQuotedReply('Please call me.\n-- \nAnn Smith\nCEO, Example'), 'Please call me.');
    assert.equal(stripQuotedReply('ok\n\nSent from my iPhone'), 'ok');
  });

  it('drops interleaved quoted lines but keeps the customer\'s own words between them', () => {
    assert.equal(stripQuotedReply('> Which order?\n1042\n> And the colour?\nblue'), '1042\nblue');
  });

  it('keeps a forwarded message, and returns the whole body when nothing but a quote is left', () => {
    const forwarded = 'See below\n\n---------- Forwarded message ---------\nFrom: shop\nYour order shipped';
    assert.equal(stripQuotedReply(forwarded), forwarded);
    assert.equal(stripQuotedReply('> only a quote'), '> only a quote');
  });

  it('does not treat a sentence starting with "On" as a reply header', () => {
    assert.equal(stripQuotedReply('On Monday the app crashed.\nIt still does.'), 'On Monday the app crashed.\nIt still does.');
  });
});

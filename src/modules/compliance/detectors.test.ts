import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findAccountNumbers, findAddresses, findCardNumbers, findEmails, findPhones, ibanValid, luhnValid } from './detectors.ts';

const texts = (spans: { text: string }[]) => spans.map((s) => s.text);

describe('card numbers', () => {
  it('finds Luhn-valid numbers written plain, with spaces or with dashes, and gives the exact span', () => {
    const text = 'Card 4111 1111 1111 1111, also 5500-0000-0000-0004 and 378282246310005.';
    const found = findCardNumbers(text);
    assert.deepEqual(texts(found), ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005']);
    assert.equal(text.slice(found[0]!.start, found[0]!.end), '4111 1111 1111 1111');
  });
  it('ignores numbers that fail the Luhn check, are too short, too long, or repeat one digit', () => {
    assert.deepEqual(findCardNumbers('Order 4111 1111 1111 1112, tracking 123456789012, ref 0000000000000000'), []);
    assert.deepEqual(findCardNumbers('serial 41111111111111111111111'), [], 'a 23-digit run is not a card');
  });
  it('luhn', () => {
    assert.equal(luhnValid('79927398713'), true);
    assert.equal(luhnValid('79927398710'), false);
  });
});

describe('account numbers', () => {
  it('finds IBANs with a valid checksum, grouped or not', () => {
    assert.deepEqual(texts(findAccountNumbers('Pay to GB82 WEST 1234 5698 7654 32 or DE89370400440532013000.')), ['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000']);
    assert.equal(ibanValid('GB82WEST12345698765433'), false);
    assert.deepEqual(findAccountNumbers('GB82 WEST 1234 5698 7654 33'), []);
  });
  it('finds digit runs labelled as an account, not other numbers', () => {
    assert.deepEqual(texts(findAccountNumbers('Your account number: 12345678 is fine; sort code 12-34-56; acct #00987654321')), ['12345678', '12-34-56', '00987654321']);
    assert.deepEqual(findAccountNumbers('Your order 12345678 shipped; 3 accounts were merged'), []);
  });
});

describe('emails', () => {
  it('finds addresses and not at-handles', () => {
    assert.deepEqual(texts(findEmails('Write to dana.whitfield+orders@example.co.uk or @acme_help on X.')), ['dana.whitfield+orders@example.co.uk']);
  });
});

describe('phone numbers', () => {
  it('finds international and national formats', () => {
    const text = 'Call +33 6 12 34 56 78, +1-555-123-4567, (555) 123-4567, 555-123-4567, 06 12 34 56 78 or 020 7946 0958.';
    assert.deepEqual(texts(findPhones(text)), ['+33 6 12 34 56 78', '+1-555-123-4567', '(555) 123-4567', '555-123-4567', '06 12 34 56 78', '020 7946 0958']);
  });
  it('does not take order numbers, dates, prices or short numbers for phones', () => {
    assert.deepEqual(findPhones('Order 12345678 from 2024-01-15, 15/01/2024, total 1 299.00, room 42, version 2.4.1'), []);
  });
});

describe('addresses', () => {
  it('finds street addresses in English, French and German, and postcodes', () => {
    const found = texts(findAddresses('Ship to 221B Baker Street, London NW1 6XE. Or 12 rue de la Paix. Or Hauptstraße 5. Springfield, IL 62704.'));
    assert.ok(found.includes('221B Baker Street'), found.join(' | '));
    assert.ok(found.some((f) => f.startsWith('12 rue de la Paix')), found.join(' | '));
    assert.ok(found.includes('Hauptstraße 5'), found.join(' | '));
    assert.ok(found.includes('NW1 6XE'), found.join(' | '));
    assert.ok(found.includes('IL 62704'), found.join(' | '));
  });
  it('leaves ordinary sentences with numbers alone', () => {
    assert.deepEqual(findAddresses('It takes 3 days to ship 2 tents. We have 5 stores. Version 2 Way better.'), []);
  });
});

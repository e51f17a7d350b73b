import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchQuery } from './search.ts';

describe('searchQuery (search as you type)', () => {
  it('needs every word, the last one as a prefix, lower-cased', () => {
    assert.equal(searchQuery('Refu'), 'refu:*');
    assert.equal(searchQuery('cancelled  fli'), 'cancelled & fli:*');
    assert.equal(searchQuery('réembo'), 'réembo:*');
  });
  it('drops what the text-search syntax would read as operators', () => {
    assert.equal(searchQuery("a:* | !b & (c) 'd'"), 'a & b & c & d:*');
    assert.equal(searchQuery('%%% !!'), null);
  });
});

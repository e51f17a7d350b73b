import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors/index.ts';
import { formatQuery } from './format-query.ts';
import { parseQuery, QuerySyntaxError } from './parse-query.ts';

const errorOf = (text: string): QuerySyntaxError => {
  try {
    parseQuery(text);
  } catch (e) {
    assert.ok(e instanceof QuerySyntaxError, `expected a QuerySyntaxError for ${text}`);
    return e;
  }
  assert.fail(`expected ${JSON.stringify(text)} to be rejected`);
};

describe('parseQuery', () => {
  it('parses the issue examples with the right precedence', () => {
    assert.deepEqual(parseQuery('acme AND (refund OR broken) -hiring'), {
      type: 'and',
      children: [
        { type: 'term', word: 'acme' },
        { type: 'or', children: [{ type: 'term', word: 'refund' }, { type: 'term', word: 'broken' }] },
        { type: 'not', child: { type: 'term', word: 'hiring' } },
      ],
    });
    assert.deepEqual(parseQuery('"login error" OR outage'), {
      type: 'or',
      children: [{ type: 'phrase', words: ['login', 'error'] }, { type: 'term', word: 'outage' }],
    });
  });

  it('binds AND (explicit or implicit) tighter than OR, and NOT tightest', () => {
    assert.equal(formatQuery(parseQuery('a b OR c AND NOT d')), '(a b) OR (c -d)');
    assert.equal(formatQuery(parseQuery('a AND (b AND c)')), 'a b c');
  });

  it('reads hashtags, handles, prefixes, curly quotes and words that split', () => {
    assert.deepEqual(parseQuery('#Acme'), { type: 'hashtag', tag: 'acme' });
    assert.deepEqual(parseQuery('@Acme.bsky.social'), { type: 'handle', handle: 'acme.bsky.social' });
    assert.deepEqual(parseQuery('Refund*'), { type: 'prefix', prefix: 'refund' });
    assert.deepEqual(parseQuery('“Login Error”'), { type: 'phrase', words: ['login', 'error'] });
    assert.deepEqual(parseQuery('e-mail'), { type: 'phrase', words: ['e', 'mail'] });
    assert.deepEqual(parseQuery('"outage"'), { type: 'term', word: 'outage' });
    assert.deepEqual(parseQuery('Café'), { type: 'term', word: 'cafe' });
  });

  it('treats lower-case and/or/not as ordinary words', () => {
    assert.equal(formatQuery(parseQuery('salt and pepper')), 'salt and pepper');
  });

  it('excludes with -term, -"phrase", -(group) and NOT', () => {
    assert.equal(formatQuery(parseQuery('acme -"we are hiring" -(jobs OR career) NOT spam')), 'acme -"we are hiring" -(jobs OR career) -spam');
  });

  it('round-trips through formatQuery', () => {
    for (const q of ['acme (refund OR broken) -hiring', '"login error" OR outage', '#acme OR @acme refund*', '(a b) OR (c -(d OR e))', '--x y']) {
      const ast = parseQuery(q);
      assert.deepEqual(parseQuery(formatQuery(ast)), ast, q);
    }
  });

  it('reports problems with their column', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['', 1, /empty/],
      ['   ', 1, /empty/],
      ['acme AND', 6, /AND needs a term after it/],
      ['OR acme', 1, /OR needs a term before it/],
      ['acme (refund OR broken', 6, /'\(' is never closed/],
      ['acme refund)', 12, /unexpected '\)'/],
      ['acme "login error', 6, /quote is never closed/],
      ['acme - hiring', 6, /'-' must be followed/],
      ['acme ()', 6, /empty parentheses/],
      ['acme NOT', 6, /NOT needs a term/],
      ['acme !!!', 6, /no letters or digits/],
      ['acme ""', 6, /phrase has no letters/],
      ['#ac-me', 1, /hashtag/],
      ['@', 1, /not a valid handle/],
      ['r*', 1, /too short/],
      ['re-fund*', 1, /single word/],
      ['ac*me', 1, /only end a word/],
      ['-hiring', 1, /only excludes/],
      ['acme OR NOT jobs', 1, /only excludes/],
      ['é (x', 3, /never closed/],
    ];
    for (const [text, column, message] of cases) {
      const e = errorOf(text);
      assert.equal(e.column, column, `column for ${JSON.stringify(text)}: ${e.message}`);
      assert.match(e.message, message, text);
    }
  });

  it('throws a VALIDATION_FAILED AppError carrying the field path', () => {
    try {
      parseQuery('acme AND', { path: '/listeningQueries/2/query' });
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.equal(e.status, 400);
      assert.deepEqual(e.fields, [{ path: '/listeningQueries/2/query', message: 'column 6: AND needs a term after it' }]);
    }
  });

  it('limits length, nesting and number of terms', () => {
    assert.match(errorOf('a '.repeat(1001)).message, /longer than/);
    assert.match(errorOf(`${'('.repeat(21)}a${')'.repeat(21)}`).message, /nested/);
    assert.match(errorOf(Array.from({ length: 201 }, (_, i) => `w${i}`).join(' OR ')).message, /more than 200 terms/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors/index.ts';
import { parseQuery } from './parse-query.ts';
import { buildQuerySet, matchQueries, type ListeningQuery } from './query-set.ts';
import { compileQuery } from './compile-query.ts';
import { tokenizeText } from './tokenize-text.ts';

const queries: ListeningQuery[] = [
  { id: 'brand', query: 'acme -hiring' },
  { id: 'refunds', query: 'acme AND (refund OR broken)' },
  { id: 'login', query: '"login error" OR outage' },
  { id: 'tag', query: '#acme' },
  { id: 'handle', query: '@acme' },
  { id: 'prefix', query: 'refund* -acme' },
  { id: 'parsed', query: parseQuery('blender') },
];

describe('QuerySet', () => {
  const set = buildQuerySet(queries);

  it('returns the ids of matching queries in the given order', () => {
    assert.deepEqual(set.match('@acme my blender arrived broken, refund please #acme'), ['brand', 'refunds', 'tag', 'handle', 'parsed']);
    assert.deepEqual(set.match('refunds are slow'), ['prefix']);
    assert.deepEqual(set.match('Login error during the outage'), ['login']);
    assert.deepEqual(set.match('acme is hiring'), []);
    assert.deepEqual(set.match(''), []);
    assert.equal(set.size, 7);
  });

  it('agrees with checking every query one by one', () => {
    const one = queries.map((q) => ({ id: q.id, m: compileQuery(typeof q.query === 'string' ? parseQuery(q.query) : q.query) }));
    const words = ['acme', 'refund', 'refunds', 'broken', 'hiring', 'login', 'error', 'outage', '#acme', '@acme', 'blender', 'the', 'is'];
    let seed = 3;
    const pick = () => words[(seed = (seed * 48_271) % 2_147_483_647) % words.length];
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: 1 + (n % 7) }, pick).join(' ');
      const tokens = tokenizeText(text);
      assert.deepEqual(set.match(tokens), one.filter((q) => q.m(tokens)).map((q) => q.id), text);
    }
  });

  it('rejects a set with bad queries, listing each with its path', () => {
    try {
      buildQuerySet([
        { id: 'a', query: 'ok' },
        { id: 'b', query: 'acme AND' },
        { id: 'c', query: '(x' },
      ]);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof AppError);
      assert.deepEqual(e.fields.map((f) => f.path), ['/queries/1/query', '/queries/2/query']);
    }
  });

  it('can skip bad queries instead, and says which', () => {
    const s = buildQuerySet([{ id: 'a', query: 'ok' }, { id: 'b', query: 'acme AND' }], { onInvalid: 'skip' });
    assert.equal(s.size, 1);
    assert.deepEqual(s.invalid.map((q) => [q.id, q.column]), [['b', 6]]);
    assert.deepEqual(s.match('ok acme'), ['a']);
  });
});

describe('matchQueries', () => {
  it('accepts a QuerySet or a plain array (built once and kept)', () => {
    assert.deepEqual(matchQueries(queries, 'Outage at acme'), ['brand', 'login']);
    assert.deepEqual(matchQueries(queries, 'blender'), ['parsed']);
    assert.deepEqual(matchQueries(buildQuerySet(queries), '#acme'), ['brand', 'tag']);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv, parseCsvRecords } from './csv.ts';

test('quoted fields keep commas, doubled quotes and newlines', () => {
  assert.deepEqual(parseCsv('a,"b,c","say ""hi""","x\ny"\r\n1,2,3,4'), [['a', 'b,c', 'say "hi"', 'x\ny'], ['1', '2', '3', '4']]);
});

test('records are keyed by the header', () => {
  assert.deepEqual(parseCsvRecords('text,label\nhello,a\n'), [{ text: 'hello', label: 'a' }]);
});

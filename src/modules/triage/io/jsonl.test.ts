import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PassThrough, Readable } from 'node:stream';
import { createLineWriter, readJsonl } from './jsonl.ts';

test('reads object lines, reports bad ones with their line number and goes on', async () => {
  const seen: unknown[] = [];
  const input = Readable.from(['{"a":1}\n', 'nope\n', '\n', '[1]\n', '{"a":2}\n', '{"a":3}']);
  const problems = await readJsonl(input, (r) => (r.a === 2 ? 'a must not be 2' : (seen.push(r.a), undefined)), () => {});
  assert.deepEqual(seen, [1, 3]);
  assert.deepEqual(problems.map((p) => p.line), [2, 4, 5]);
});

test('the writer batches lines and flushes them all', async () => {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  const w = createLineWriter(out, 10);
  for (let i = 0; i < 5; i++) await w.write(`{"i":${i}}`);
  await w.flush();
  assert.equal(chunks.join(''), [0, 1, 2, 3, 4].map((i) => `{"i":${i}}\n`).join(''));
});

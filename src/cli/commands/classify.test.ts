import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

// only these commands, not the whole CLI (which loads the server): keeps each run to a second or two
const runner = `
import { Command } from 'commander';
import { registerClassifyCommand } from ${JSON.stringify(path.resolve(import.meta.dirname, 'classify.ts'))};
import { registerClassifierCommand } from ${JSON.stringify(path.resolve(import.meta.dirname, 'classifier.ts'))};
const program = new Command('lookout');
registerClassifyCommand(program);
registerClassifierCommand(program);
await program.parseAsync(process.argv);`;
const lookout = (args: string[], input: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', runner, 'lookout', ...args], {
    input, encoding: 'utf8', timeout: 120_000,
  });

test('classify: one output line per good input line, bad lines reported and exit code 1', () => {
  const r = lookout(['classify'], [
    '{"id":"a","text":"@acme my internet is down again, I will cancel","author":{"followers":120000,"verified":true}}',
    'not json',
    '{"id":"b","text":"thanks, love the new app!"}',
    '{"id":"c"}',
  ].join('\n'));
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /line 2: not valid JSON/);
  assert.match(r.stderr, /line 4: "text" must be a string/);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.id), ['a', 'b']);
  for (const key of ['id', 'language', 'sentiment', 'sentimentScore', 'complaint', 'complaintScore', 'intent', 'needsResponse', 'urgency', 'priority', 'reasons'])
    assert.ok(key in lines[0], key);
  assert.ok(lines[0].priority > lines[1].priority);
  assert.ok(lines[0].reasons.includes("says 'cancel'"));
});

test('classifier train and predict: labels, abstains with null, exit 0 on clean input', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-classifier-'));
  try {
    const rows: string[] = [];
    for (const x of ['order', 'parcel', 'shoes', 'laptop', 'phone', 'jacket', 'tv', 'book', 'lamp', 'desk']) {
      rows.push(JSON.stringify({ text: `please refund my ${x}`, label: 'refund' }), JSON.stringify({ text: `i want my money back for the ${x}`, label: 'refund' }));
      rows.push(JSON.stringify({ text: `where is my ${x}`, label: 'delivery' }), JSON.stringify({ text: `my ${x} has not arrived`, label: 'delivery' }));
    }
    for (const t of ['tell me a joke', 'what is the weather', 'play some music', 'who won the game', 'set an alarm'])
      rows.push(JSON.stringify({ text: t, label: 'oos' }), JSON.stringify({ text: `hey ${t}`, label: 'oos' }));
    const train = path.join(dir, 'train.jsonl');
    const model = path.join(dir, 'model.json');
    writeFileSync(train, rows.join('\n'));
    const t = lookout(['classifier', 'train', '--input', train, '--out', model], '');
    assert.equal(t.status, 0, t.stderr);
    const p = lookout(['classifier', 'predict', '--model', model], '{"id":1,"text":"refund my blender please"}\n{"id":2,"text":"tell me a joke about cats"}\n');
    assert.equal(p.status, 0, p.stderr);
    const out = p.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(out.map((o) => [o.id, o.label]), [[1, 'refund'], [2, null]]);
    assert.ok(out.every((o) => typeof o.confidence === 'number'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

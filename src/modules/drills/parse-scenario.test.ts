import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario, ScenarioError } from './parse-scenario.ts';
import { listShippedScenarios } from './shipped-scenarios.ts';
import { expandTimeline } from './expand-timeline.ts';

const VALID = `name: Tiny outage
description: Two people cannot log in.
channels: [x]
timeline:
  - at: 0
    channel: x
    id: one
    author: { handle: kim, followers: 10 }
    text: login error 503
  - at: 2
    channel: x
    replyTo: one
    count: 3
    author: { handle: lee }
    text: same here
expected:
  detectWithinMinutes: 5
  alertStakeholders:
    - role: supervisor
    - email: ops@acme.example
`;

const rejects = (text: string, line: number, reason: RegExp, file = 'bad.yaml') => {
  assert.throws(
    () => parseScenario(text, file),
    (e: unknown) => {
      assert.ok(e instanceof ScenarioError, String(e));
      assert.equal(e.line, line, `line of "${e.message}"`);
      assert.match(e.reason, reason);
      assert.ok(e.message.startsWith(`${file}:${line}:`));
      return true;
    },
  );
};

describe('drill scenario files', () => {
  it('reads a valid scenario', () => {
    const s = parseScenario(VALID, 'tiny.yaml');
    assert.equal(s.name, 'Tiny outage');
    assert.equal(s.timeline[1]!.count, 3);
    assert.deepEqual(s.expected.alertStakeholders, [{ role: 'supervisor' }, { email: 'ops@acme.example' }]);
  });

  it('accepts the same scenario as JSON', () => {
    const json = JSON.stringify(parseScenario(VALID), null, 2);
    assert.deepEqual(parseScenario(json, 'tiny.json'), parseScenario(VALID));
  });

  it('refuses a YAML syntax error with its line', () => {
    rejects(VALID.replace('text: login error 503', 'text: login: error 503'), 9, /Nested mappings/);
    rejects(VALID.replace('    id: one', '   id: one'), 7, /without - indicator|indent/i);
  });

  it('refuses a duplicated key with its line', () => {
    rejects(VALID.replace('    text: same here', '    text: same here\n    text: again'), 16, /unique|duplicate/i);
  });

  it('maps a schema error back to the line of the offending key', () => {
    rejects(VALID.replace('  - at: 2', '  - at: -2'), 10, /"at" must be >= 0/);
    rejects(VALID.replace('    count: 3', '    count: lots'), 13, /"count" must be integer/);
    rejects(VALID.replace('  detectWithinMinutes: 5', '  detectWithinMinutes: 5\n  pray: true'), 18, /unknown property "pray"/);
    rejects(VALID.replace('    - role: supervisor', '    - team: ops'), 19, /role: … } or \{ email/);
    rejects(VALID.replace('name: Tiny outage\n', ''), 1, /missing "name"/);
    rejects(VALID.replace('channels: [x]', 'channels: [x, myspace]'), 3, /not a drill channel kind \(bluesky, x, mastodon, email, webchat\)/);
  });

  it('refuses cross-field mistakes with the line', () => {
    rejects(VALID.replace('  - at: 2\n    channel: x', '  - at: 2\n    channel: bluesky'), 11, /channel "bluesky" is not listed/);
    rejects(VALID.replace('replyTo: one', 'replyTo: nobody'), 12, /replyTo "nobody" names no earlier entry/);
    rejects(VALID.replace('  - at: 2', '  - at: 0.5').replace('  - at: 0', '  - at: 1'), 10, /time order/);
  });

  it('refuses an empty file and a scalar', () => {
    rejects('', 1, /empty/);
    rejects('just words', 1, /must be object/);
  });

  it('the shipped scenarios parse, and expand into many distinct people in time order', () => {
    const shipped = listShippedScenarios();
    assert.ok(shipped.length >= 3, `shipped: ${shipped.map((s) => s.key)}`);
    for (const { key, scenario } of shipped) {
      const items = expandTimeline(scenario, 'run-1');
      assert.ok(items.length >= 20, `${key}: ${items.length} mentions`);
      for (let i = 1; i < items.length; i++) assert.ok(items[i]!.offsetMs >= items[i - 1]!.offsetMs, `${key} in order`);
      assert.equal(new Set(items.map((d) => d.item.externalId)).size, items.length, `${key}: unique ids`);
      assert.ok(new Set(items.map((d) => d.item.author.handle)).size > items.length / 2, `${key}: many authors`);
      assert.deepEqual(expandTimeline(scenario, 'run-1'), items, `${key}: deterministic`);
    }
  });

  it('a reply answers the first copy of the entry it names', () => {
    const items = expandTimeline(parseScenario(VALID), 'r');
    const replies = items.filter((d) => d.item.inReplyTo);
    assert.equal(replies.length, 3);
    assert.ok(replies.every((d) => d.item.inReplyTo === 'drill:r:0:0' && d.item.kind === 'reply'));
    assert.deepEqual(replies.map((d) => d.offsetMs), [120_000, 140_000, 160_000]);
  });
});

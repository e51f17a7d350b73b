import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLines } from './detect.ts';

const START_MS = Date.parse('2026-03-02T00:00:00Z');
const WORDS = 'order delivery parcel refund app screen support music weather coffee train ticket game park dog photo'.split(' ');

/** Two quiet days of varied chatter, then 30 people saying the checkout is broken within 15 minutes. */
const streamLines = (): string[] => {
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lines: { id: string; text: string; createdAt: string }[] = [];
  for (let minute = 0; minute < 2 * 24 * 60; minute += 2) {
    const pick = () => WORDS[Math.floor(random() * WORDS.length)];
    lines.push({ id: `bg-${minute}`, text: `my ${pick()} and the ${pick()} ${pick()}`, createdAt: new Date(START_MS + minute * 60_000).toISOString() });
  }
  const spikeStart = START_MS + (2 * 24 * 60 - 120) * 60_000;
  for (let i = 0; i < 30; i++) {
    lines.push({
      id: `spike-${i}`,
      text: `checkout broken again, payment failed #${i % 5} @shop`,
      createdAt: new Date(spikeStart + i * 30_000 + 1).toISOString(),
    });
  }
  return lines
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((l) => JSON.stringify(l));
};

async function* iterate(lines: string[]): AsyncIterable<string> {
  yield* lines;
}

const runOn = async (lines: string[]) => {
  const alerts: Record<string, unknown>[] = [];
  const reports: string[] = [];
  const result = await detectLines(iterate(lines), (line) => alerts.push(JSON.parse(line)), (m) => reports.push(m));
  return { alerts, reports, result };
};

test('alerts come out as JSON lines with the documented fields', async () => {
  const { alerts, reports, result } = await runOn(streamLines());
  assert.deepEqual(reports, []);
  assert.equal(result.skipped, 0);
  assert.equal(alerts.length, 1);
  const alert = alerts[0]!;
  for (const field of ['detectedAt', 'windowStart', 'severity', 'terms', 'mentionIds']) assert.ok(field in alert, field);
  assert.ok((alert.terms as string[]).includes('checkout broken'));
  assert.ok((alert.mentionIds as string[]).every((id) => id.startsWith('spike-')));
  assert.ok(Date.parse(alert.windowStart as string) < Date.parse(alert.detectedAt as string));
});

test('bad lines are reported with their line number, skipped, and counted', async () => {
  const lines = streamLines();
  lines.splice(2, 0, '{not json', '{"id":"x","text":"hi","createdAt":"yesterday"}', '', '[1,2]');
  const { alerts, reports, result } = await runOn(lines);
  assert.equal(result.skipped, 3);
  assert.deepEqual(
    reports.map((r) => r.split(':')[0]),
    ['line 3', 'line 4', 'line 6'],
  );
  assert.equal(alerts.length, 1);
});

test('an empty or tiny input gives no alerts and no errors', async () => {
  assert.deepEqual((await runOn([])).result, { mentions: 0, alerts: 0, skipped: 0 });
  const tiny = streamLines().slice(0, 5);
  const { alerts, reports } = await runOn(tiny);
  assert.deepEqual(alerts, []);
  assert.deepEqual(reports, []);
});

test('a line far out of time order is counted but flagged', async () => {
  const lines = streamLines().slice(0, 50);
  lines.push(JSON.stringify({ id: 'late', text: 'late one', createdAt: new Date(START_MS).toISOString() }));
  const { reports, result } = await runOn(lines);
  assert.equal(result.mentions, 51);
  assert.equal(result.skipped, 0);
  assert.match(reports[0]!, /^line 51: out of time order/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector, Detector, type Alert, type DetectorMention, type DetectorOptions } from './index.ts';
import { backgroundStream, burst, merge, seededRandom } from './synthetic-stream.ts';

const START = new Date('2026-03-02T00:00:00Z'); // a Monday
const at = (day: number, hour: number, minute = 0): Date =>
  new Date(START.getTime() + ((day * 24 + hour) * 60 + minute) * 60_000);

const OVERHEATING = [
  'My battery is overheating since the update, phone too hot to hold',
  'battery overheating again on the X2, anyone else?',
  'Phone battery overheating while charging. Scary. @acme fix this',
  'Is the battery overheating thing a known issue? Mine is burning hot',
];

const run = (mentions: DetectorMention[], options: Partial<DetectorOptions> = {}, flushAt?: Date): Alert[] => {
  const detector = createDetector(options);
  const alerts = mentions.flatMap((m) => detector.push(m));
  const last = mentions.at(-1);
  const end = flushAt ?? (last ? new Date(last.createdAt.getTime() + 5 * 60_000) : START);
  return [...alerts, ...detector.flush(end)];
};

const background = backgroundStream({ start: START, days: 6, peakPerHour: 60, seed: 7 });
const spike = burst({ start: at(4, 14, 2), minutes: 20, count: 80, texts: OVERHEATING, seed: 1 });

test('a flat seasonal stream (busy days, quiet nights, calm weekend) raises no alert', () => {
  const week = backgroundStream({ start: START, days: 8, peakPerHour: 60, seed: 11 });
  assert.ok(week.length > 3000);
  assert.deepEqual(run(week), []);
});

test('a clear spike is detected quickly, with its terms and its mentions', () => {
  const alerts = run(merge(background, spike));
  assert.equal(alerts.length, 1, JSON.stringify(alerts.map((a) => [a.detectedAt, a.terms])));
  const alert = alerts[0]!;
  const delayMin = (alert.detectedAt.getTime() - at(4, 14, 2).getTime()) / 60_000;
  assert.ok(delayMin > 0 && delayMin <= 20, `delay ${delayMin} min`);
  assert.ok(alert.terms.includes('battery overheating'), alert.terms.join(', '));
  assert.ok(alert.mentionIds.length > 0 && alert.mentionIds.every((id) => id.startsWith('spike-')));
  assert.equal(alert.topics[0]?.terms[0], 'battery overheating');
  assert.ok(alert.severity >= 1 && alert.severity <= 10);
  assert.ok(alert.expected < alert.observed && alert.upper < alert.observed);
  assert.equal(alert.series.observed.length, 12);
  assert.ok(alert.windowStart.getTime() < alert.detectedAt.getTime());
});

test('cooldown: the same issue again within the hour is quiet, and alerts again after', () => {
  const again = burst({ start: at(4, 14, 40), minutes: 10, count: 40, texts: OVERHEATING, seed: 2, idPrefix: 'again' });
  const later = burst({ start: at(4, 17, 0), minutes: 15, count: 60, texts: OVERHEATING, seed: 3, idPrefix: 'later' });
  const alerts = run(merge(background, spike, again, later), { cooldownMinutes: 60 });
  assert.equal(alerts.length, 2, JSON.stringify(alerts.map((a) => a.detectedAt)));
  assert.ok(alerts[1]!.detectedAt.getTime() > at(4, 17, 0).getTime());
  assert.ok(alerts[1]!.mentionIds.some((id) => id.startsWith('later-')));
});

test('no look-ahead: the stream cut at an alert gives the same alerts up to that instant', () => {
  const stream = merge(background, spike);
  const full = run(stream);
  assert.ok(full.length > 0);
  for (const alert of full) {
    const cutMs = alert.detectedAt.getTime();
    const truncated = stream.filter((m) => m.createdAt.getTime() <= cutMs);
    const again = run(truncated, {}, alert.detectedAt);
    assert.deepEqual(
      again,
      full.filter((a) => a.detectedAt.getTime() <= cutMs),
    );
  }
});

test('tiny, silent and gappy streams raise nothing and throw nothing', () => {
  assert.deepEqual(run([]), []);
  const detector = createDetector();
  assert.deepEqual(detector.flush(new Date()), []);
  const tiny = burst({ start: at(0, 10), minutes: 3, count: 5, texts: OVERHEATING, seed: 4 });
  assert.deepEqual(run(tiny), []);
  const gappy = [tiny[0]!, { ...tiny[1]!, createdAt: at(200, 0) }, { ...tiny[2]!, createdAt: at(201, 0) }];
  assert.deepEqual(run(gappy), []);
});

test('state survives a JSON round trip mid-stream', () => {
  const stream = merge(background, spike);
  const expected = run(stream);
  const half = Math.floor(stream.length * 0.6);
  const first = createDetector();
  const alerts = stream.slice(0, half).flatMap((m) => first.push(m));
  const restored = Detector.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
  alerts.push(...stream.slice(half).flatMap((m) => restored.push(m)));
  alerts.push(...restored.flush(new Date(stream.at(-1)!.createdAt.getTime() + 5 * 60_000)));
  assert.deepEqual(alerts, expected);
});

test('a rise in the negative share alone, at normal volume, is a negative alert', () => {
  const calm = backgroundStream({ start: START, days: 4, peakPerHour: 120, seed: 5, negativeShare: 0.1 });
  const soured = calm.map((m) =>
    m.createdAt >= at(3, 13) && m.createdAt < at(3, 14) ? { ...m, sentiment: 'negative' as const } : m,
  );
  const alerts = run(soured);
  assert.ok(alerts.length >= 1);
  assert.equal(alerts[0]!.kind, 'negative');
  assert.ok(alerts[0]!.detectedAt > at(3, 13) && alerts[0]!.detectedAt <= at(3, 14));
});

test('a burst of unrelated mentions at night is a volume alert against the quiet-night baseline', () => {
  const random = seededRandom(9);
  const chatter = Array.from({ length: 40 }, (_, i) => ({
    id: `night-${i}`,
    text: `word${Math.floor(random() * 1e6)} thing${Math.floor(random() * 1e6)} stuff${i}`,
    createdAt: new Date(at(4, 3, 1).getTime() + i * 20_000),
  }));
  const alerts = run(merge(background, chatter));
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.kind, 'volume');
  assert.ok(alerts[0]!.detectedAt > at(4, 3) && alerts[0]!.detectedAt <= at(4, 3, 20));
  assert.ok(alerts[0]!.expected < 5, `expected ${alerts[0]!.expected} at night`);
});

test('memory stays bounded on a long stream of ever-new words', () => {
  const random = seededRandom(3);
  const detector = createDetector({ maxTerms: 2_000, maxMentionsPerBucket: 20 });
  const startMs = START.getTime();
  for (let i = 0; i < 20_000; i++) {
    const words = Array.from({ length: 6 }, () => `w${Math.floor(random() * 1e9)}`).join(' ');
    detector.push({ id: `m${i}`, text: words, createdAt: new Date(startMs + i * 15_000) });
  }
  const state = detector.toJSON();
  assert.ok(state.baselines.terms.entries.length <= 2_000, `term table ${state.baselines.terms.entries.length}`);
  assert.ok(state.recent.length <= 12);
  assert.ok(state.recent.every((b) => b.sample.length <= 20));
});

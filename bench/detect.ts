/**
 * Spike detection on real crises: each CrisisLexT6 crisis embedded in a seasonal background
 * stream (scripts/eval/detect/build-stream.ts), run through the detector, scored for detection
 * delay from onset and false alerts per day (scripts/eval/detect/score.ts), and timed (CPU ms
 * per 1,000 mentions, detector only).
 *
 * The defaults were tuned on the first three crises (TRAINED_ON) and on the background alone;
 * the other three are held out. Each crisis runs with several background seeds.
 *
 * env: DETECT_SEEDS=1,2,3  DETECT_PRE_DAYS=7  DETECT_BACKGROUND_SCALE=1 (a busier workspace: 5)
 *      DETECT_CRISES=name,...  DETECT_OPTIONS='{"persistence":2}'
 *      DETECT_OUT=dir (writes each run's alerts as JSONL)  LOOKOUT_SHARED_DATA=path
 * Ends with one JSON line of figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDetector, DEFAULT_OPTIONS, type Alert, type DetectorOptions } from '../src/modules/detection/index.ts';
import { buildStream } from '../scripts/eval/detect/build-stream.ts';
import { listCrises, readBackgroundTexts, readCrisis } from '../scripts/eval/detect/data.ts';
import { median, onsetMs, scoreRun, type RunScore } from '../scripts/eval/detect/score.ts';

const TRAINED_ON = ['2012_Sandy_Hurricane', '2013_Alberta_Floods', '2013_Boston_Bombings'];

// BENCH_SMOKE (CI): one background seed, two crises — the full run is the default.
const seeds = (process.env.DETECT_SEEDS ?? (process.env.BENCH_SMOKE ? '1' : '1,2,3')).split(',').map(Number);
const preDays = Number(process.env.DETECT_PRE_DAYS ?? 7);
const backgroundScale = Number(process.env.DETECT_BACKGROUND_SCALE ?? 1);
const only = process.env.DETECT_CRISES?.split(',') ?? (process.env.BENCH_SMOKE ? ['2013_West_Texas_Explosion', '2013_Alberta_Floods'] : undefined);
const options: Partial<DetectorOptions> = JSON.parse(process.env.DETECT_OPTIONS ?? '{}');
const outDir = process.env.DETECT_OUT;

interface CrisisResult {
  crisis: string;
  split: 'train' | 'held-out';
  onset: string;
  medianDelayMin: number | null;
  delaysMin: (number | null)[];
  detected: string;
  crisisAlerts: number;
  falseAlerts: number;
  falseAlertsPerDay: number;
  falseAlertsPerDayInCrisisWindow: number;
  falseAlertsPerDayPreCrisis: number;
  mentions: number;
  cpuMsPer1k: number;
}

const otherTexts = readBackgroundTexts();
const results: CrisisResult[] = [];
const cpuPer1k: number[] = [];

for (const crisis of listCrises().filter((name) => !only || only.includes(name))) {
  const tweets = readCrisis(crisis);
  const onset = onsetMs(tweets);
  const onTopic = new Set(tweets.filter((t) => t.isOnTopic).map((t) => t.id));
  const runs: RunScore[] = [];
  const crisisCpu: number[] = [];
  let mentions = 0;
  for (const seed of seeds) {
    const stream = buildStream(tweets, otherTexts, { preDays, seed, sameLocaleShare: 0.5, backgroundScale });
    const detector = createDetector(options);
    const alerts: Alert[] = [];
    const before = process.cpuUsage();
    for (const mention of stream.mentions) alerts.push(...detector.push(mention));
    alerts.push(...detector.flush(new Date(stream.endMs + detector.options.bucketMinutes * 60_000)));
    const cpu = process.cpuUsage(before);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    crisisCpu.push(cpuMs / (stream.mentions.length / 1000));
    mentions = stream.mentions.length;
    runs.push(scoreRun(alerts, (id) => onTopic.has(id), { onsetMs: onset, ...stream }));
    if (outDir) {
      mkdirSync(outDir, { recursive: true });
      const lines = alerts.map((a) => JSON.stringify({ ...a, crisisShare: a.mentionIds.filter((id) => onTopic.has(id)).length / Math.max(1, a.mentionIds.length) }));
      writeFileSync(path.join(outDir, `${crisis}-seed${seed}.jsonl`), lines.join('\n') + '\n');
    }
  }
  cpuPer1k.push(...crisisCpu);
  const delays = runs.map((r) => r.delayMin);
  const found = delays.filter((d): d is number => d !== null);
  const falseAlerts = runs.reduce((sum, r) => sum + r.falseAlerts, 0);
  const days = runs.reduce((sum, r) => sum + r.days, 0);
  const result: CrisisResult = {
    crisis,
    split: TRAINED_ON.includes(crisis) ? 'train' : 'held-out',
    onset: new Date(onset).toISOString(),
    medianDelayMin: median(found),
    delaysMin: delays,
    detected: `${found.length}/${runs.length}`,
    crisisAlerts: runs.reduce((sum, r) => sum + r.crisisAlerts, 0) / runs.length,
    falseAlerts: falseAlerts / runs.length,
    falseAlertsPerDay: round(falseAlerts / days),
    falseAlertsPerDayInCrisisWindow: round(runs.reduce((sum, r) => sum + r.falseAlertsPerDayInWindow, 0) / runs.length),
    falseAlertsPerDayPreCrisis: round(
      runs.reduce((sum, r) => sum + r.falseAlertsPreWindow, 0) / runs.reduce((sum, r) => sum + r.preWindowDays, 0),
    ),
    mentions,
    cpuMsPer1k: round(median(crisisCpu) ?? 0),
  };
  results.push(result);
  console.log(
    `${crisis.padEnd(27)} ${result.split.padEnd(8)} onset ${result.onset.slice(0, 16)}  delay(min) ${JSON.stringify(delays).padEnd(16)}` +
      ` crisis alerts ${result.crisisAlerts.toFixed(1).padStart(5)}  false/day ${result.falseAlertsPerDay.toFixed(2)}` +
      ` (crisis window ${result.falseAlertsPerDayInCrisisWindow.toFixed(2)}, background before ${result.falseAlertsPerDayPreCrisis.toFixed(2)})` +
      `  cpu ms/1k ${result.cpuMsPer1k}`,
  );
}

const summarise = (subset: CrisisResult[]) => {
  const delays = subset.map((r) => r.medianDelayMin).filter((d): d is number => d !== null);
  return {
    medianDelayMin: median(delays.map((d) => Math.max(0, d))),
    detected: `${delays.length}/${subset.length}`,
    falseAlertsPerDay: round(subset.reduce((sum, r) => sum + r.falseAlertsPerDay, 0) / Math.max(1, subset.length)),
    falseAlertsPerDayInCrisisWindow: round(
      subset.reduce((sum, r) => sum + r.falseAlertsPerDayInCrisisWindow, 0) / Math.max(1, subset.length),
    ),
  };
};

console.log(
  JSON.stringify({
    bench: 'detect',
    ...summarise(results),
    cpuMsPer1k: round(median(cpuPer1k) ?? 0),
    train: summarise(results.filter((r) => r.split === 'train')),
    heldOut: summarise(results.filter((r) => r.split === 'held-out')),
    seeds,
    preDays,
    backgroundScale,
    options: { ...DEFAULT_OPTIONS, ...options },
    perCrisis: results,
  }),
);

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

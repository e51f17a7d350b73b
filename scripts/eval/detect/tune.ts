/**
 * Grid search of detector options on the training crises only (the three named in
 * bench/detect.ts), so the held-out crises stay unseen. Prints one line per setting:
 * median delay, crises detected, false alerts per day (all, and on background alone).
 *
 * usage: tsx scripts/eval/detect/tune.ts '[{"termSurpriseThreshold":6},{"persistence":1}]'
 * env: DETECT_SEEDS=1,2,3  DETECT_PRE_DAYS=7  DETECT_CRISES=name,...
 */
import { createDetector, type Alert, type DetectorOptions } from '../../../src/modules/detection/index.ts';
import { buildStream, type EvalStream } from './build-stream.ts';
import { readBackgroundTexts, readCrisis } from './data.ts';
import { median, onsetMs, scoreRun } from './score.ts';

const TRAIN = (process.env.DETECT_CRISES ?? '2012_Sandy_Hurricane,2013_Alberta_Floods,2013_Boston_Bombings').split(',');
const seeds = (process.env.DETECT_SEEDS ?? '1,2,3').split(',').map(Number);
const preDays = Number(process.env.DETECT_PRE_DAYS ?? 7);
const grid: Partial<DetectorOptions>[] = JSON.parse(process.argv[2] ?? '[{}]');

const otherTexts = readBackgroundTexts();
const cases = TRAIN.flatMap((crisis) => {
  const tweets = readCrisis(crisis);
  const onTopic = new Set(tweets.filter((t) => t.isOnTopic).map((t) => t.id));
  return seeds.map((seed) => ({
    crisis,
    onset: onsetMs(tweets),
    onTopic,
    stream: buildStream(tweets, otherTexts, { preDays, seed, sameLocaleShare: 0.5 }) as EvalStream,
  }));
});

for (const options of grid) {
  const delays: number[] = [];
  let missed = 0;
  let falseAlerts = 0;
  let falsePre = 0;
  let falseWindowRate = 0;
  let days = 0;
  let preDaysTotal = 0;
  const perCrisis = new Map<string, (number | null)[]>();
  for (const { crisis, onset, onTopic, stream } of cases) {
    const detector = createDetector(options);
    const alerts: Alert[] = stream.mentions.flatMap((m) => detector.push(m));
    alerts.push(...detector.flush(new Date(stream.endMs + 3_600_000)));
    const score = scoreRun(alerts, (id) => onTopic.has(id), { onsetMs: onset, ...stream });
    if (score.delayMin === null) missed += 1;
    else delays.push(Math.max(0, score.delayMin));
    perCrisis.set(crisis, [...(perCrisis.get(crisis) ?? []), score.delayMin]);
    falseAlerts += score.falseAlerts;
    falsePre += score.falseAlertsPreWindow;
    falseWindowRate += score.falseAlertsPerDayInWindow / cases.length;
    days += score.days;
    preDaysTotal += score.preWindowDays;
  }
  console.log(
    JSON.stringify({
      options,
      medianDelayMin: median(delays),
      missed,
      falseAlertsPerDay: Math.round((falseAlerts / days) * 100) / 100,
      falseAlertsPerDayBackground: Math.round((falsePre / preDaysTotal) * 100) / 100,
      falseAlertsPerDayInCrisisWindow: Math.round(falseWindowRate * 100) / 100,
      delays: Object.fromEntries(perCrisis),
    }),
  );
}

/**
 * npm run bench:triage
 * 1. Full enrichment throughput on one core: every TWCS tweet and TweetEval validation tweet (with
 *    author data) through createTriage().enrich, for a few seconds, three rounds; median reported,
 *    by wall clock and by this process's CPU time (the machine may be shared).
 * 2. Time to train a custom classifier on 10,000 examples (BANKING77), calibration included.
 * Ends with one JSON line: {"bench":"triage","enrichPerSec":…,"trainSeconds10k":…}.
 */
import { loadBanking77, loadSemevalVal, loadTwcs } from '../src/modules/triage/datasets/shared-data.ts';
import { createTriage, trainClassifier, type TriageInput } from '../src/modules/triage/index.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rounds = Number(process.env.BENCH_ROUNDS ?? (process.env.BENCH_SMOKE ? 1 : 3));

const inputs: TriageInput[] = [
  ...loadTwcs().map((t, i) => ({ text: t.text, author: { followers: (i * 7919) % 250000, verified: i % 17 === 0 } })),
  ...loadSemevalVal().map((v) => ({ text: v.text })),
];
const triage = createTriage();
for (const i of inputs.slice(0, 2000)) triage.enrich(i); // warm up the JIT

const wallRates: number[] = [];
const cpuRates: number[] = [];
for (let r = 0; r < rounds; r++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  let sink = 0;
  while (performance.now() - t0 < 3000) {
    for (const input of inputs) sink += triage.enrich(input).priority;
    n += inputs.length;
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0).user / 1e6;
  wallRates.push(n / wall);
  cpuRates.push(n / cpu);
  console.log(`enrich round ${r + 1}: ${Math.round(n / wall)} mentions/s wall, ${Math.round(n / cpu)} per CPU-second (${n} mentions, checksum ${sink})`);
}

const examples = loadBanking77().slice(0, 10000);
const trainWall: number[] = [];
const trainCpu: number[] = [];
for (let r = 0; r < Math.min(rounds, 3); r++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const model = trainClassifier(examples, { seed: r + 1 });
  trainWall.push((performance.now() - t0) / 1000);
  trainCpu.push(process.cpuUsage(cpu0).user / 1e6);
  console.log(`train round ${r + 1}: ${examples.length} examples, ${model.labels.length} labels in ${trainWall.at(-1)!.toFixed(1)} s wall, ${trainCpu.at(-1)!.toFixed(1)} s CPU`);
}

console.log(JSON.stringify({
  bench: 'triage',
  enrichPerSec: Math.round(median(wallRates)),
  enrichPerCpuSec: Math.round(median(cpuRates)),
  trainSeconds10k: Number(median(trainWall).toFixed(1)),
  trainCpuSeconds10k: Number(median(trainCpu).toFixed(1)),
}));

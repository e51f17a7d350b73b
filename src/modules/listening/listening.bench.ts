/**
 * Listening-query matching speed on real tweets (SemEval sentiment sets from ../shared/data):
 * N generated queries (terms, phrases, groups, exclusions, hashtags, handles, prefixes) built
 * from the corpus's own vocabulary, every tweet tokenised once and matched against all of them.
 *
 *   tsx src/modules/listening/listening.bench.ts
 *
 * Prints a few human lines, then one JSON line of figures (medians of 3 runs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildQuerySet, tokenizeText, type ListeningQuery } from './index.ts';

const dataDir = process.env.LOOKOUT_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data');
const semeval = path.join(dataDir, 'sentiment-semeval');
const texts = readdirSync(semeval)
  .filter((f) => f.endsWith('-A.tsv'))
  .flatMap((f) => readFileSync(path.join(semeval, f), 'utf8').split('\n'))
  .map((line) => line.split('\t').slice(2).join('\t'))
  .filter((t) => t.length > 0);

// Vocabulary by frequency; skip the most common words (they make poor listening terms).
const counts = new Map<string, number>();
for (const t of texts) for (const w of new Set(tokenizeText(t).words)) if (/^\p{L}{3,}$/u.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
const vocab = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(100, 20_100).map(([w]) => w);

let seed = 42;
const rand = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
const word = () => vocab[rand(vocab.length)] as string;
const shapes = [
  () => `${word()} AND (${word()} OR ${word()}) -${word()}`,
  () => `"${word()} ${word()}" OR ${word()}`,
  () => `${word()} ${word()}`,
  () => `#${word()} OR @${word()}`,
  () => `${word()} (${word()}* OR "${word()} ${word()}") NOT ${word()}`,
  () => word(),
];
const makeQueries = (n: number): ListeningQuery[] => Array.from({ length: n }, (_, i) => ({ id: `q${i}`, query: (shapes[i % shapes.length] as () => string)() }));

/** Output goes to stdout; the last line is the JSON of figures. */
const print = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const time = (fn: () => void): number => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

// Warm up the JIT before measuring anything.
const warmSet = buildQuerySet(makeQueries(200));
for (const t of texts) warmSet.match(t);
seed = 42;

const tokenizeRuns = [0, 1, 2].map(() => texts.length / time(() => texts.forEach((t) => tokenizeText(t))));
const results: Array<{ queries: number; mentionsPerSec: number; matchesPerMention: number; buildMs: number }> = [];
for (const n of [100, 1000, 10_000]) {
  const queries = makeQueries(n);
  let set = buildQuerySet(queries);
  const buildMs = median([0, 1, 2].map(() => time(() => (set = buildQuerySet(queries))) * 1000));
  let hits = 0;
  const rates = [0, 1, 2].map(() => {
    hits = 0;
    return texts.length / time(() => texts.forEach((t) => (hits += set.match(t).length)));
  });
  results.push({ queries: n, mentionsPerSec: Math.round(median(rates)), matchesPerMention: Number((hits / texts.length).toFixed(3)), buildMs: Number(buildMs.toFixed(1)) });
  print(`${n} queries: ${Math.round(median(rates))} mentions/s (tokenise + match), ${(hits / texts.length).toFixed(3)} matches per mention, set built in ${buildMs.toFixed(1)} ms`);
}
print(`tokenise only: ${Math.round(median(tokenizeRuns))} mentions/s over ${texts.length} tweets`);
print(JSON.stringify({ bench: 'listening', mentions: texts.length, tokenizePerSec: Math.round(median(tokenizeRuns)), results }));

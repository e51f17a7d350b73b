/**
 * Writes one evaluation stream (a CrisisLexT6 crisis in its background, see build-stream.ts)
 * as mentions JSONL for `lookout detect --input`, with the labels in a side file.
 *
 * usage: tsx scripts/eval/detect/write-stream.ts 2013_Boston_Bombings [seed] > boston.jsonl
 * env: DETECT_PRE_DAYS=7  DETECT_LABELS=path (writes {"id","isCrisis"} lines)
 */
import { writeFileSync } from 'node:fs';
import { buildStream } from './build-stream.ts';
import { readBackgroundTexts, readCrisis } from './data.ts';

const [crisis, seed = '1'] = process.argv.slice(2);
if (!crisis) {
  process.stderr.write('usage: write-stream.ts <crisis folder name> [seed]\n');
  process.exit(1);
}
const stream = buildStream(readCrisis(crisis), readBackgroundTexts(), {
  preDays: Number(process.env.DETECT_PRE_DAYS ?? 7),
  seed: Number(seed),
  sameLocaleShare: 0.5,
});
const lines = stream.mentions.map((m) => JSON.stringify({ id: m.id, text: m.text, createdAt: m.createdAt.toISOString() }));
process.stdout.write(`${lines.join('\n')}\n`);
if (process.env.DETECT_LABELS) {
  writeFileSync(process.env.DETECT_LABELS, stream.mentions.map((m) => JSON.stringify({ id: m.id, isCrisis: m.isCrisis })).join('\n') + '\n');
}

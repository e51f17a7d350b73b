import { InvalidArgumentError, type Command } from 'commander';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { alertToLine, createDetector, parseMentionLine, type DetectorOptions } from '../../modules/detection/index.ts';
import { CliError, run } from '../runtime.ts';

/**
 * `lookout detect --input mentions.jsonl > alerts.jsonl`: the spike detector, offline.
 * Mentions are read one line at a time (never the whole file) and must be in time order;
 * each alert is written as soon as the bucket that raised it closes, so it can only have used
 * mentions up to its detectedAt. Bad lines are reported on stderr with their line number and
 * skipped; if any were, the command exits with 1 after the rest has been processed.
 */

const MAX_REPORTED_LINES = 100;

export interface DetectRunResult {
  mentions: number;
  alerts: number;
  skipped: number;
}

export const detectLines = async (
  lines: AsyncIterable<string>,
  writeAlert: (line: string) => void,
  report: (message: string) => void,
  options: Partial<DetectorOptions> = {},
): Promise<DetectRunResult> => {
  const detector = createDetector(options);
  const bucketMs = detector.options.bucketMinutes * 60_000;
  const result: DetectRunResult = { mentions: 0, alerts: 0, skipped: 0 };
  const emit = (alerts: ReturnType<typeof detector.push>): void => {
    for (const alert of alerts) writeAlert(alertToLine(alert));
    result.alerts += alerts.length;
  };
  let lineNumber = 0;
  let latestMs = -Infinity;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const parsed = parseMentionLine(line);
    if (!parsed.ok) {
      result.skipped += 1;
      if (result.skipped <= MAX_REPORTED_LINES) report(`line ${lineNumber}: skipped: ${parsed.reason}`);
      if (result.skipped === MAX_REPORTED_LINES + 1) report('(more skipped lines are counted but not listed)');
      continue;
    }
    const atMs = parsed.mention.createdAt.getTime();
    if (atMs < Math.floor(latestMs / bucketMs) * bucketMs) {
      report(`line ${lineNumber}: out of time order (an earlier bucket is already closed); counted in the current one`);
    }
    latestMs = Math.max(latestMs, atMs);
    result.mentions += 1;
    emit(detector.push(parsed.mention));
  }
  // The last bucket closes at its own end: nothing after the last mention is assumed.
  if (Number.isFinite(latestMs)) emit(detector.flush(new Date(Math.floor(latestMs / bucketMs) * bucketMs + bucketMs)));
  return result;
};

const positiveNumber = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`--${name} must be a positive number`);
  return n;
};

interface DetectFlags {
  input: string;
  bucketMinutes?: number;
  threshold?: number;
  termThreshold?: number;
  cooldownMinutes?: number;
}

const doDetect = async (flags: DetectFlags): Promise<void> => {
  if (flags.input !== '-' && !existsSync(flags.input)) throw new CliError(`No such file: ${flags.input}`);
  const input = flags.input === '-' ? process.stdin : createReadStream(flags.input);
  const lines = createInterface({ input, crlfDelay: Infinity });
  const options: Partial<DetectorOptions> = {
    ...(flags.bucketMinutes ? { bucketMinutes: flags.bucketMinutes } : {}),
    ...(flags.threshold ? { surpriseThreshold: flags.threshold } : {}),
    ...(flags.termThreshold ? { termSurpriseThreshold: flags.termThreshold } : {}),
    ...(flags.cooldownMinutes ? { cooldownMinutes: flags.cooldownMinutes } : {}),
  };
  const result = await detectLines(
    lines,
    (line) => process.stdout.write(`${line}\n`),
    (message) => process.stderr.write(`${flags.input}: ${message}\n`),
    options,
  );
  process.stderr.write(`detect: ${result.mentions} mentions, ${result.alerts} alerts, ${result.skipped} lines skipped\n`);
  if (result.skipped > 0) process.exitCode = 1;
};

export const registerDetectCommand = (program: Command): void => {
  program
    .command('detect')
    .description(
      'find spikes and emerging issues in a mention stream; prints one alert per line ' +
        '{"detectedAt","windowStart","severity","terms","mentionIds","topics",…}',
    )
    .requiredOption(
      '--input <file>',
      'mentions as JSON lines {"id","text","createdAt" (ISO 8601),"author"?:{"id"?,"followers"?},"sentiment"?,"complaint"?} in time order; - for stdin',
    )
    .option('--bucket-minutes <n>', 'bucket width; alerts are raised when a bucket closes (default 5)', positiveNumber('bucket-minutes'))
    .option('--threshold <surprise>', 'minimum -log10 p for volume, negative and complaint spikes (default 5)', positiveNumber('threshold'))
    .option('--term-threshold <surprise>', 'minimum -log10 p for a term spike (default 8)', positiveNumber('term-threshold'))
    .option('--cooldown-minutes <n>', 'quiet time after an alert for the same signals (default 60)', positiveNumber('cooldown-minutes'))
    .action((flags: DetectFlags) => run(() => doDetect(flags))());
};

import { readFileSync, writeFileSync, createReadStream } from 'node:fs';
import type { Command } from 'commander';
import {
  createLineWriter, predictClassifier, readJsonl, reportProblemTo, trainClassifier, type ClassifierExample,
  type CustomClassifier,
} from '../../modules/triage/index.ts';

/**
 * `lookout classifier train --input train.jsonl --out model.json`: lines `{"text", "label"}`
 * (label `oos` = out of scope). `lookout classifier predict --model model.json < in.jsonl > out.jsonl`:
 * lines `{"id", "text"}` → `{"id", "label": "…" | null, "confidence"}`; null = abstains.
 * Bad lines are reported on stderr with their number, skipped, and make the exit code 1.
 */
export const registerClassifierCommand = (program: Command): void => {
  const cmd = program.command('classifier').description('train and apply custom (per-workspace) text classifiers');

  cmd
    .command('train')
    .description('train a classifier from JSONL lines {"text", "label"} (label "oos" marks out-of-scope examples)')
    .requiredOption('--input <file>', 'training JSONL ("-" for stdin)')
    .requiredOption('--out <file>', 'where to write the model JSON')
    .option('--seed <n>', 'random seed', '1')
    .action(async (opts: { input: string; out: string; seed: string }) => {
      const examples: ClassifierExample[] = [];
      const input = opts.input === '-' ? process.stdin : createReadStream(opts.input);
      const problems = await readJsonl(
        input,
        (rec) => {
          if (typeof rec.text !== 'string') return '"text" must be a string';
          if (typeof rec.label !== 'string' || rec.label.trim() === '') return '"label" must be a non-empty string';
          examples.push({ text: rec.text, label: rec.label });
          return undefined;
        },
        reportProblemTo(process.stderr),
      );
      if (!examples.length) {
        process.stderr.write('classifier train: no usable examples\n');
        process.exitCode = 1;
        return;
      }
      const started = performance.now();
      const model = trainClassifier(examples, { seed: Number(opts.seed) || 1 });
      writeFileSync(opts.out, JSON.stringify(model));
      const c = model.calibration;
      process.stderr.write(
        `classifier train: ${examples.length} examples, ${model.labels.length} labels${model.examples.outOfScope ? ` + ${model.examples.outOfScope} out-of-scope` : ''}, ` +
          `abstains below ${model.threshold} (${c.method}${c.coverage !== null ? `: answers ${c.coverage} of held-out, ${c.accuracyWhenAnswering} right` : ''}), ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s → ${opts.out}\n`,
      );
      if (problems.length) {
        process.stderr.write(`classifier train: ${problems.length} lines skipped\n`);
        process.exitCode = 1;
      }
    });

  cmd
    .command('predict')
    .description('label JSONL lines {"id", "text"} from stdin; label null means the classifier abstains')
    .requiredOption('--model <file>', 'a model written by `classifier train`')
    .action(async (opts: { model: string }) => {
      const model = JSON.parse(readFileSync(opts.model, 'utf8')) as CustomClassifier;
      predictClassifier(model, ''); // load (and validate) the model before reading input
      const out = createLineWriter(process.stdout);
      const problems = await readJsonl(
        process.stdin,
        async (rec) => {
          if (typeof rec.text !== 'string') return '"text" must be a string';
          const p = predictClassifier(model, rec.text);
          if (!out.closed) await out.write(JSON.stringify({ id: rec.id ?? null, label: p.label, confidence: p.confidence }));
          return undefined;
        },
        reportProblemTo(process.stderr),
      );
      await out.flush();
      if (problems.length) {
        process.stderr.write(`classifier predict: ${problems.length} lines skipped\n`);
        process.exitCode = 1;
      }
    });
};

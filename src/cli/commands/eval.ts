import type { Command } from 'commander';
import { EVAL_PARTS, runTriageEval, type EvalPart } from '../../modules/triage/index.ts';

/**
 * `lookout eval [--only sentiment,complaint,…]`: reproduces the triage quality figures from
 * ../shared/data and prints them, ending with one JSON line of every figure. Exit code 1 when a
 * figure misses its target.
 */
export const registerEvalCommand = (program: Command): void => {
  program
    .command('eval')
    .description(`measure the triage models on ../shared/data (parts: ${EVAL_PARTS.join(', ')})`)
    .option('--only <parts>', 'comma-separated parts to run')
    .option('--seed <n>', 'seed for folds and training', '7')
    .action((opts: { only?: string; seed: string }) => {
      const parts = opts.only?.split(',').map((p) => p.trim()).filter(Boolean) as EvalPart[] | undefined;
      const unknown = parts?.filter((p) => !EVAL_PARTS.includes(p));
      if (unknown?.length) {
        process.stderr.write(`eval: unknown part(s) ${unknown.join(', ')}; choose from ${EVAL_PARTS.join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      const started = performance.now();
      const { figures, failedTargets } = runTriageEval({ parts, seed: Number(opts.seed) || 7 });
      if (failedTargets.length) process.stdout.write(`below target: ${failedTargets.join(', ')}\n`);
      process.stdout.write(`eval took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
      process.stdout.write(`${JSON.stringify({ eval: 'triage', ...figures })}\n`);
      if (failedTargets.length) process.exitCode = 1;
    });
};

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  createLineWriter, createTriage, readJsonl, reportProblemTo, type TriageWeightsOverride,
} from '../../modules/triage/index.ts';

/**
 * `lookout classify < in.jsonl > out.jsonl`: triage each mention line
 * `{"id", "text", "author"?: {"followers", "verified"}}` into
 * `{"id", "language", "sentiment", "sentimentScore", "complaint", "complaintScore", "intent",
 *   "needsResponse", "urgency", "priority", "reasons", …}`. Streams line by line; bad lines are
 * reported on stderr with their number and skipped, and make the exit code 1.
 */
export const registerClassifyCommand = (program: Command): void => {
  program
    .command('classify')
    .description('triage JSONL mentions from stdin to stdout (language, sentiment, complaint, intent, urgency, priority)')
    .option('--weights <file>', 'JSON file with priority weights to lay over the defaults')
    .action(async (opts: { weights?: string }) => {
      const weights = opts.weights ? (JSON.parse(readFileSync(opts.weights, 'utf8')) as TriageWeightsOverride) : undefined;
      const triage = createTriage();
      const out = createLineWriter(process.stdout);
      let written = 0;
      const problems = await readJsonl(
        process.stdin,
        async (rec) => {
          if (typeof rec.text !== 'string') return '"text" must be a string';
          const author = rec.author && typeof rec.author === 'object' ? (rec.author as Record<string, unknown>) : undefined;
          const customer = rec.customer && typeof rec.customer === 'object' ? (rec.customer as Record<string, unknown>) : undefined;
          const r = triage.enrich(
            {
              text: rec.text,
              author: author && {
                followers: typeof author.followers === 'number' ? author.followers : undefined,
                verified: author.verified === true,
                reputation: typeof author.reputation === 'number' ? author.reputation : undefined,
              },
              engagement: rec.engagement && typeof rec.engagement === 'object' ? (rec.engagement as Record<string, number>) : undefined,
            },
            {
              weights,
              customer: customer && { tier: typeof customer.tier === 'string' ? customer.tier : undefined, isVip: customer.isVip === true },
            },
          );
          if (out.closed) return undefined;
          await out.write(JSON.stringify({
            id: rec.id ?? null, language: r.language, sentiment: r.sentiment, sentimentScore: r.sentimentScore,
            complaint: r.complaint, complaintScore: r.complaintScore, intent: r.intent, intentScore: r.intentScore,
            needsResponse: r.needsResponse, needsResponseScore: r.needsResponseScore, urgency: r.urgency,
            priority: r.priority, reasons: r.reasons, confidence: r.confidence,
          }));
          written++;
          return undefined;
        },
        reportProblemTo(process.stderr),
      );
      await out.flush();
      if (problems.length) {
        process.stderr.write(`classify: ${written} lines classified, ${problems.length} skipped\n`);
        process.exitCode = 1;
      }
    });
};

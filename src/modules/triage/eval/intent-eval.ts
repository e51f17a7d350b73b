/**
 * Built-in intent taxonomy, measured on 160 inbound TWCS tweets labelled by hand by a Lookout
 * engineer (models/intent-eval/twcs-labels.tsv holds only tweet ids and labels). Small and
 * single-annotator: a sanity figure, not a benchmark.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTwcs } from '../datasets/shared-data.ts';
import { findModelsDir } from '../shipped-models.ts';
import { INTENTS } from '../signals/intent-rules.ts';
import type { Triage } from '../triage.ts';
import { accuracy, confusion, macroF1 } from './metrics.ts';

export interface IntentEval {
  examples: number;
  accuracy: number;
  macroF1: number;
  needsResponseAccuracy: number;
}

/** intents a person should answer (for the needs-response check) */
const ANSWERABLE = new Set(['question', 'complaint', 'bug_report', 'outage_report', 'billing', 'churn_risk', 'purchase_intent']);

export const evaluateIntent = (triage: Triage): IntentEval => {
  const file = path.join(findModelsDir(), 'intent-eval', 'twcs-labels.tsv');
  const labels = new Map(
    readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t') as [string, string]),
  );
  const tweets = loadTwcs().filter((t) => labels.has(t.id));
  const truth: string[] = [];
  const predicted: string[] = [];
  let needsRight = 0;
  for (const t of tweets) {
    const r = triage.enrich({ text: t.text });
    truth.push(labels.get(t.id)!);
    predicted.push(r.intent);
    if (r.needsResponse === ANSWERABLE.has(labels.get(t.id)!)) needsRight++;
  }
  return {
    examples: tweets.length,
    accuracy: accuracy(truth, predicted),
    macroF1: macroF1(confusion(truth, predicted, [...INTENTS])),
    needsResponseAccuracy: tweets.length ? needsRight / tweets.length : 0,
  };
};

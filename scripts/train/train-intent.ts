/**
 * npm run train:intent [-- --seed N]
 * Weak-labels a pool of real tweets with the intent rules (+ the complaint corpus's gold labels and
 * the complaint model), adds BANKING77 mapped onto the taxonomy, trains the intent model and writes
 * models/intent.json. The 160 hand-labelled TWCS tweets in models/intent-eval/ are kept out of the
 * pool. Needs models/sentiment.json and models/complaint.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  loadBanking77, loadComplaints, loadCrisisLex, loadSemevalTrain, loadTwcs,
} from '../../src/modules/triage/datasets/shared-data.ts';
import { weakIntentLabel } from '../../src/modules/triage/intent.ts';
import { probabilitiesInto } from '../../src/modules/triage/linear/linear-model.ts';
import type { FitItem } from '../../src/modules/triage/linear/fit.ts';
import { seededRandom, shuffleInPlace } from '../../src/modules/triage/linear/train-linear.ts';
import { BANKING77_TO_INTENT, trainIntentModel } from '../../src/modules/triage/recipes/intent-recipe.ts';
import { appendSignalFeatures, textSignals } from '../../src/modules/triage/recipes/signal-features.ts';
import { SHIPPED_FEATURES } from '../../src/modules/triage/recipes/shared-features.ts';
import { loadShippedModel } from '../../src/modules/triage/shipped-models.ts';
import { FeatureVector, featurize } from '../../src/modules/triage/text/features.ts';
import { tokenize } from '../../src/modules/triage/text/tokenize.ts';
import { modelsDir, seedFromArgs, writeLinearModel } from './write-model.ts';

const seed = seedFromArgs();
const sentiment = loadShippedModel('sentiment');
const complaint = loadShippedModel('complaint');
const fv = new FeatureVector();
const sp = new Float64Array(3);
const cp = new Float64Array(2);
const complaintProb = (text: string): number => {
  const tokens = tokenize(text);
  featurize(tokens, SHIPPED_FEATURES, fv);
  probabilitiesInto(sentiment, fv, sp);
  appendSignalFeatures(fv, sp, textSignals(tokens.norm));
  return probabilitiesInto(complaint, fv, cp)[1]!;
};
const norm = (text: string): string => tokenize(text).norm.trim();

const heldOut = new Set(
  readFileSync(path.join(modelsDir, 'intent-eval', 'twcs-labels.tsv'), 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]),
);
const random = seededRandom(seed);
const items: FitItem[] = [];
const counts: Record<string, Record<string, number>> = {};
const add = (source: string, text: string, label: string, weight = 1): void => {
  items.push({ text, label, weight });
  const c = (counts[source] ??= {});
  c[label] = (c[label] ?? 0) + 1;
};

for (const t of loadTwcs().filter((t) => t.inbound && !heldOut.has(t.id)))
  add('twcs', t.text, weakIntentLabel(norm(t.text), { prob: complaintProb(t.text) }));
for (const c of loadComplaints()) add('complaints', c.text, weakIntentLabel(norm(c.text), { gold: c.label === 'complaint' }));
for (const s of shuffleInPlace(loadSemevalTrain(), random).slice(0, 20000))
  add('semeval', s.text, weakIntentLabel(norm(s.text), { gold: false }), 0.5);
for (const s of shuffleInPlace(loadCrisisLex(), random).slice(0, 8000))
  add('crisislex', s.text, weakIntentLabel(norm(s.text), { gold: false }), 0.5);
for (const b of loadBanking77()) add('banking77', b.text, BANKING77_TO_INTENT[b.label] ?? 'question', 0.5);

for (const [source, c] of Object.entries(counts)) console.log(source.padEnd(11), JSON.stringify(c));
const started = performance.now();
const model = trainIntentModel(shuffleInPlace(items, random), sentiment, seed);
console.log(`trained on ${items.length} weak-labelled texts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
writeLinearModel('intent', model);

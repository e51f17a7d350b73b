/**
 * Reproduces every triage quality figure from ../shared/data (`lookout eval`, `npm run eval`):
 * sentiment on the TweetEval validation split, complaint by 10-fold cross-validation, custom intent
 * classifiers on BANKING77 (5-fold) and CLINC150 (train → val with out-of-scope), plus the built-in
 * intent taxonomy on the hand-labelled TWCS sample. Prints each figure as it goes, then one JSON line.
 */
import { classifierProbabilities, predictClassifier, trainClassifier } from '../custom/custom-classifier.ts';
import {
  loadBanking77, loadClinc150, loadComplaints, loadSemevalTrain, loadSemevalVal, withoutHeldOut,
} from '../datasets/shared-data.ts';
import { probabilitiesInto } from '../linear/linear-model.ts';
import { seededRandom, shuffleInPlace } from '../linear/train-linear.ts';
import { trainComplaintModel } from '../recipes/complaint-recipe.ts';
import { appendSignalFeatures, textSignals } from '../recipes/signal-features.ts';
import { SENTIMENT_CLASSES } from '../recipes/sentiment-recipe.ts';
import { SHIPPED_FEATURES } from '../recipes/shared-features.ts';
import { loadShippedModel } from '../shipped-models.ts';
import { FeatureVector, featurize } from '../text/features.ts';
import { tokenize } from '../text/tokenize.ts';
import { createTriage } from '../triage.ts';
import { evaluateIntent } from './intent-eval.ts';
import { accuracy, confusion, macroF1, macroRecall, round } from './metrics.ts';

export const EVAL_PARTS = ['sentiment', 'complaint', 'banking77', 'clinc150', 'intent'] as const;
export type EvalPart = (typeof EVAL_PARTS)[number];

export const TARGETS: Record<string, number> = {
  sentimentMacroRecall: 0.66, complaintMacroF1: 0.8, banking77Accuracy: 0.9, clinc150InScopeAccuracy: 0.92,
  clinc150OutOfScopeRecall: 0.5,
};

type Log = (line: string) => void;
const argmax = (p: Record<string, number>): string => Object.entries(p).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
const seconds = (since: number): number => round((performance.now() - since) / 1000, 1);

const evalSentiment = (log: Log): Record<string, number> => {
  const model = loadShippedModel('sentiment');
  const val = loadSemevalVal();
  const train = loadSemevalTrain();
  const fv = new FeatureVector();
  const p = new Float64Array(3);
  const predicted = val.map((v) => {
    featurize(tokenize(v.text), SHIPPED_FEATURES, fv);
    probabilitiesInto(model, fv, p);
    return SENTIMENT_CLASSES[p.indexOf(Math.max(...p))]!;
  });
  const truth = val.map((v) => v.label);
  const mr = macroRecall(confusion(truth, predicted, [...SENTIMENT_CLASSES]));
  const overlap = train.length - withoutHeldOut(train, val).length;
  log(`sentiment  TweetEval val (${val.length} tweets): macro recall ${mr.toFixed(4)} (target ≥ ${TARGETS.sentimentMacroRecall}), accuracy ${accuracy(truth, predicted).toFixed(4)}; ${overlap} SemEval tweets matching val were excluded from training`);
  return { sentimentMacroRecall: round(mr), sentimentAccuracy: round(accuracy(truth, predicted)) };
};

const evalComplaint = (log: Log, seed: number): Record<string, number> => {
  const data = loadComplaints();
  const sentiment = loadShippedModel('sentiment');
  const order = shuffleInPlace(data.map((_, i) => i), seededRandom(seed));
  const fold = new Int32Array(data.length);
  const seen: Record<string, number> = {};
  for (const i of order) fold[i] = (seen[data[i]!.label] = (seen[data[i]!.label] ?? 0) + 1) % 10; // stratified
  const predicted: string[] = new Array(data.length);
  const fv = new FeatureVector();
  const sp = new Float64Array(3);
  const cp = new Float64Array(2);
  const started = performance.now();
  for (let f = 0; f < 10; f++) {
    const model = trainComplaintModel(data.filter((_, i) => fold[i] !== f), sentiment, { seed });
    data.forEach((d, i) => {
      if (fold[i] !== f) return;
      const tokens = tokenize(d.text);
      featurize(tokens, SHIPPED_FEATURES, fv);
      probabilitiesInto(sentiment, fv, sp);
      appendSignalFeatures(fv, sp, textSignals(tokens.norm));
      probabilitiesInto(model, fv, cp);
      predicted[i] = cp[1]! >= 0.5 ? 'complaint' : 'not_complaint';
    });
  }
  const truth = data.map((d) => d.label);
  const f1 = macroF1(confusion(truth, predicted, ['not_complaint', 'complaint']));
  log(`complaint  10-fold CV (${data.length} tweets): macro F1 ${f1.toFixed(4)} (target ≥ ${TARGETS.complaintMacroF1}), accuracy ${accuracy(truth, predicted).toFixed(4)} [${seconds(started)} s]`);
  return { complaintMacroF1: round(f1), complaintAccuracy: round(accuracy(truth, predicted)) };
};

const evalBanking = (log: Log, seed: number): Record<string, number> => {
  const data = loadBanking77();
  const order = shuffleInPlace(data.map((_, i) => i), seededRandom(seed));
  const fold = new Int32Array(data.length);
  order.forEach((i, j) => (fold[i] = j % 5));
  let strict = 0;
  let top1 = 0;
  let answered = 0;
  let answeredRight = 0;
  const started = performance.now();
  for (let f = 0; f < 5; f++) {
    const model = trainClassifier(data.filter((_, i) => fold[i] !== f), { seed });
    data.forEach((d, i) => {
      if (fold[i] !== f) return;
      const p = predictClassifier(model, d.text);
      if (p.label === d.label) strict++;
      if (p.label !== null) {
        answered++;
        if (p.label === d.label) answeredRight++;
      }
      if (argmax(classifierProbabilities(model, d.text)) === d.label) top1++;
    });
  }
  const n = data.length;
  log(`banking77  5-fold CV (${n} queries, 77 intents): accuracy ${(top1 / n).toFixed(4)} (target ≥ ${TARGETS.banking77Accuracy}); with calibrated abstaining: answers ${(answered / n).toFixed(4)} of queries, ${(answeredRight / answered).toFixed(4)} of those right, ${(strict / n).toFixed(4)} right overall (abstaining counted wrong) [${seconds(started)} s]`);
  return {
    banking77Accuracy: round(top1 / n), banking77Coverage: round(answered / n),
    banking77AccuracyWhenAnswering: round(answeredRight / answered), banking77AccuracyAbstainCountedWrong: round(strict / n),
  };
};

const evalClinc = (log: Log, seed: number): Record<string, number> => {
  const c = loadClinc150();
  const started = performance.now();
  const model = trainClassifier([...c.train, ...c.oosTrain.map((e) => ({ text: e.text, label: 'oos' }))], { seed });
  const trainSeconds = seconds(started);
  const inScope = c.val.filter((v) => predictClassifier(model, v.text).label === v.label).length / c.val.length;
  const oosRecall = c.oosVal.filter((v) => predictClassifier(model, v.text).label === null).length / c.oosVal.length;
  log(`clinc150   train ${c.train.length} + ${c.oosTrain.length} oos → val ${c.val.length} + ${c.oosVal.length} oos: in-scope accuracy ${inScope.toFixed(4)} (target ≥ ${TARGETS.clinc150InScopeAccuracy}), out-of-scope recall ${oosRecall.toFixed(4)} (target ≥ ${TARGETS.clinc150OutOfScopeRecall}); threshold ${model.threshold}, trained in ${trainSeconds} s`);
  return { clinc150InScopeAccuracy: round(inScope), clinc150OutOfScopeRecall: round(oosRecall), clinc150Threshold: model.threshold };
};

const evalIntent = (log: Log): Record<string, number> => {
  const r = evaluateIntent(createTriage());
  log(`intent     built-in taxonomy on ${r.examples} hand-labelled TWCS tweets (weak supervision, no target): accuracy ${r.accuracy.toFixed(4)}, macro F1 ${r.macroF1.toFixed(4)}, needs-response agreement ${r.needsResponseAccuracy.toFixed(4)}`);
  return { intentAccuracy: round(r.accuracy), intentMacroF1: round(r.macroF1), needsResponseAgreement: round(r.needsResponseAccuracy) };
};

export interface EvalOptions {
  parts?: readonly EvalPart[];
  seed?: number;
  log?: Log;
}

export const runTriageEval = (opts: EvalOptions = {}): { figures: Record<string, number>; failedTargets: string[] } => {
  const parts = new Set(opts.parts?.length ? opts.parts : EVAL_PARTS);
  const seed = opts.seed ?? 7;
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const figures: Record<string, number> = {};
  if (parts.has('sentiment')) Object.assign(figures, evalSentiment(log));
  if (parts.has('complaint')) Object.assign(figures, evalComplaint(log, seed));
  if (parts.has('banking77')) Object.assign(figures, evalBanking(log, seed));
  if (parts.has('clinc150')) Object.assign(figures, evalClinc(log, seed));
  if (parts.has('intent')) Object.assign(figures, evalIntent(log));
  const failedTargets = Object.entries(TARGETS)
    .filter(([k, target]) => figures[k] !== undefined && figures[k]! < target)
    .map(([k]) => k);
  return { figures, failedTargets };
};

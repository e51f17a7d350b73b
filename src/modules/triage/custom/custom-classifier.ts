/**
 * Per-workspace classifiers: trained from a workspace's own examples ({text, label}), stored as
 * JSON, applied to new mentions. Multinomial logistic regression over tf-idf weighted word 1–2-grams
 * and character 3–5-grams. `oos` examples (texts that belong to none of the labels) train an
 * out-of-scope class.
 *
 * Abstaining is calibrated: a stratified 20% of the examples is held out, a model trained on the
 * rest scores it, and the confidence threshold is the one that maximises (right answers − wrong
 * answers) on that held-out part, so a label is given only where it is more likely right than
 * wrong (an out-of-scope text that gets a label counts as wrong). The shipped model is then trained
 * on every example.
 */
import { fitLinear, type FitItem } from '../linear/fit.ts';
import { decodeModel, encodeModel, probabilitiesInto, type LinearModel, type LinearModelJson } from '../linear/linear-model.ts';
import { seededRandom, shuffleInPlace } from '../linear/train-linear.ts';
import { FeatureVector, featurize, type FeatureConfig } from '../text/features.ts';
import { tokenize } from '../text/tokenize.ts';

export const OUT_OF_SCOPE = 'oos';

export interface ClassifierExample {
  text: string;
  label: string;
}

export interface TrainClassifierOptions {
  seed?: number;
  /** share of examples held out to calibrate abstaining (default 0.2) */
  holdoutFraction?: number;
  epochs?: number;
  /** the label that marks out-of-scope examples (default `oos`) */
  outOfScopeLabel?: string;
  /** cost of a wrong label relative to the gain of a right one (default 0.5) */
  wrongAnswerCost?: number;
}

export interface CustomClassifier {
  format: 'lookout-classifier/1';
  /** in-scope labels, sorted */
  labels: string[];
  /** below this (calibrated) confidence the classifier abstains */
  threshold: number;
  calibration: {
    method: 'holdout' | 'default';
    /** P(right) = σ(a · logit(top probability) + b) */
    a: number;
    b: number;
    heldOut: number;
    /** on the held-out part, with the chosen threshold */
    coverage: number | null;
    accuracyWhenAnswering: number | null;
    outOfScopeRecall: number | null;
    /**
     * Per label, on the held-out part: precision (of the answers giving it, how many were right)
     * and recall (of its held-out examples, how many got it; an abstention is a miss); null where
     * there was nothing to divide by. Absent on models trained before it was measured.
     */
    perLabel?: Record<string, { precision: number | null; recall: number | null; heldOut: number }>;
  };
  examples: { total: number; outOfScope: number };
  model: LinearModelJson;
}

export interface ClassifierPrediction {
  /** null: abstains (unsure, or out of scope) */
  label: string | null;
  /** calibrated chance that the best in-scope label is right */
  confidence: number;
}

const CUSTOM_FEATURES: FeatureConfig = {
  wordNgrams: 2, charMin: 3, charMax: 5, wordWeight: 1, charWeight: 1, shapeWeight: 1,
};
const DEFAULT_WRONG_COST = 0.5;
const MIN_HELD_OUT = 20;

const fit = (items: readonly FitItem[], classes: string[], seed: number, epochs: number): LinearModel =>
  fitLinear(items, classes, {
    features: CUSTOM_FEATURES, table: { kind: 'sparse' }, idf: true, minDf: 2, epochs, learningRate: 0.5, l2: 1e-6, seed,
    balance: 0, minGradient: 0.01, meta: { name: 'custom-classifier' },
  });

/** Stratified split: about `fraction` of each label is held out (labels with < 3 examples stay in training). */
const splitHoldout = (examples: readonly ClassifierExample[], fraction: number, seed: number) => {
  const byLabel = new Map<string, ClassifierExample[]>();
  for (const e of examples) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e]);
  const random = seededRandom(seed ^ 0x5eed);
  const train: ClassifierExample[] = [];
  const heldOut: ClassifierExample[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = shuffleInPlace([...byLabel.get(label)!], random);
    const n = group.length >= 3 ? Math.round(group.length * fraction) : 0;
    heldOut.push(...group.slice(0, n));
    train.push(...group.slice(n));
  }
  return { train, heldOut };
};

interface Scored {
  truth: string;
  label: string | null;
  confidence: number;
}

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Platt scaling: fits P(right) = σ(a·logit(confidence) + b) to held-out answers by Newton's method
 * (with a light prior towards a = 1, b = 0 so a small held-out set cannot make it extreme).
 */
export const fitCalibration = (scored: readonly Scored[]): { a: number; b: number } => {
  const xs = scored.filter((s) => s.label !== null).map((s) => ({ x: logit(s.confidence), y: s.label === s.truth ? 1 : 0 }));
  let a = 1;
  let b = 0;
  const prior = 1;
  for (let iter = 0; iter < 50; iter++) {
    let ga = prior * (a - 1);
    let gb = prior * b;
    let haa = prior;
    let hab = 0;
    let hbb = prior;
    for (const { x, y } of xs) {
      const p = sigmoid(a * x + b);
      const w = p * (1 - p);
      ga += (p - y) * x;
      gb += p - y;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (det <= 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
};

/** The calibrated confidence above which answering pays: gain 1 if right, cost c if wrong. */
export const answerThreshold = (wrongAnswerCost = DEFAULT_WRONG_COST): number => wrongAnswerCost / (1 + wrongAnswerCost);

const decoded = new WeakMap<CustomClassifier, LinearModel>();
const fv = new FeatureVector();
let probs = new Float64Array(64);

const rawPredict = (model: LinearModel, text: string, oosIndex: number): { label: string | null; confidence: number } => {
  if (probs.length < model.classes.length) probs = new Float64Array(model.classes.length * 2);
  featurize(tokenize(typeof text === 'string' ? text : ''), model.features, fv);
  probabilitiesInto(model, fv, probs);
  let best = -1;
  let top = 0;
  for (let k = 0; k < model.classes.length; k++) {
    if (probs[k]! > probs[top]!) top = k;
    if (k !== oosIndex && (best < 0 || probs[k]! > probs[best]!)) best = k;
  }
  const confidence = best >= 0 ? probs[best]! : 0;
  return { label: top === oosIndex || best < 0 ? null : model.classes[best]!, confidence };
};

export const trainClassifier = (
  examples: readonly ClassifierExample[], opts: TrainClassifierOptions = {},
): CustomClassifier => {
  const seed = opts.seed ?? 1;
  const epochs = opts.epochs ?? 10;
  const oos = opts.outOfScopeLabel ?? OUT_OF_SCOPE;
  const clean = examples
    .filter((e) => e && typeof e.text === 'string' && typeof e.label === 'string' && e.label.trim() !== '')
    .map((e) => ({ text: e.text, label: e.label === oos ? OUT_OF_SCOPE : e.label.trim() }));
  const labels = [...new Set(clean.map((e) => e.label))].filter((l) => l !== OUT_OF_SCOPE).sort();
  if (labels.length < 1) throw new Error('a classifier needs examples of at least one label');
  const hasOos = clean.some((e) => e.label === OUT_OF_SCOPE);
  const classes = hasOos ? [...labels, OUT_OF_SCOPE] : labels;
  const oosIndex = hasOos ? classes.length - 1 : -1;

  const threshold = answerThreshold(opts.wrongAnswerCost);
  let calibration: CustomClassifier['calibration'] = {
    method: 'default', a: 1, b: 0, heldOut: 0, coverage: null, accuracyWhenAnswering: null, outOfScopeRecall: null,
  };
  const { train, heldOut } = splitHoldout(clean, opts.holdoutFraction ?? 0.2, seed);
  if (heldOut.length >= MIN_HELD_OUT && classes.length > 1) {
    const probe = fit(train, classes, seed, epochs);
    const raw = heldOut.map((e) => ({ truth: e.label, ...rawPredict(probe, e.text, oosIndex) }));
    const { a, b } = fitCalibration(raw);
    const scored = raw.map((s) => ({ ...s, confidence: sigmoid(a * logit(s.confidence) + b) }));
    const answered = scored.filter((s) => s.label !== null && s.confidence >= threshold);
    const oosScored = scored.filter((s) => s.truth === OUT_OF_SCOPE);
    calibration = {
      method: 'holdout',
      a: round(a),
      b: round(b),
      heldOut: heldOut.length,
      coverage: round(answered.length / scored.length),
      accuracyWhenAnswering: answered.length ? round(answered.filter((s) => s.label === s.truth).length / answered.length) : null,
      outOfScopeRecall: oosScored.length
        ? round(oosScored.filter((s) => s.label === null || s.confidence < threshold).length / oosScored.length)
        : null,
      perLabel: Object.fromEntries(labels.map((label) => {
        const given = answered.filter((s) => s.label === label);
        const truth = scored.filter((s) => s.truth === label);
        const hits = given.filter((s) => s.truth === label).length;
        return [label, { precision: given.length ? round(hits / given.length) : null, recall: truth.length ? round(hits / truth.length) : null, heldOut: truth.length }];
      })),
    };
  }
  const model = classes.length > 1 ? fit(clean, classes, seed, epochs) : fit(clean, [...classes, '__none__'], seed, 1);
  return {
    format: 'lookout-classifier/1', labels, threshold: round(threshold), calibration,
    examples: { total: clean.length, outOfScope: clean.filter((e) => e.label === OUT_OF_SCOPE).length },
    model: encodeModel(model),
  };
};

const modelOf = (classifier: CustomClassifier): LinearModel => {
  let m = decoded.get(classifier);
  if (!m) {
    if (classifier?.format !== 'lookout-classifier/1') throw new Error('not a lookout-classifier/1 model');
    m = decodeModel(classifier.model);
    decoded.set(classifier, m);
  }
  return m;
};

/** Label of a text, or null when the classifier abstains. Never throws on odd text. */
export const predictClassifier = (classifier: CustomClassifier, text: string): ClassifierPrediction => {
  const model = modelOf(classifier);
  const r = rawPredict(model, text, model.classes.indexOf(OUT_OF_SCOPE));
  const { a, b } = classifier.calibration;
  const confidence = sigmoid(a * logit(r.confidence) + b);
  const label = r.label !== null && classifier.labels.includes(r.label) && confidence >= classifier.threshold ? r.label : null;
  return { label, confidence: round(confidence) };
};

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** Every class's probability for a text (including `oos` when the classifier has it). */
export const classifierProbabilities = (classifier: CustomClassifier, text: string): Record<string, number> => {
  const model = modelOf(classifier);
  if (probs.length < model.classes.length) probs = new Float64Array(model.classes.length * 2);
  featurize(tokenize(typeof text === 'string' ? text : ''), model.features, fv);
  probabilitiesInto(model, fv, probs);
  return Object.fromEntries(model.classes.map((c, k) => [c, probs[k]!]));
};

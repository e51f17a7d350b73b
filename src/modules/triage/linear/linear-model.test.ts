import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FEATURES, FeatureVector, featurize } from '../text/features.ts';
import { tokenize } from '../text/tokenize.ts';
import { fitLinear } from './fit.ts';
import { decodeModel, encodeModel, probabilitiesInto, type LinearModel } from './linear-model.ts';
import { fuseModels } from './fused-scorer.ts';

const items = [
  ...['love it', 'great service', 'so happy', 'awesome job', 'thanks a lot', 'wonderful day'].map((text) => ({ text, label: 'pos' })),
  ...['hate it', 'awful service', 'so sad', 'terrible job', 'worst ever', 'broken again'].map((text) => ({ text, label: 'neg' })),
];
const predict = (m: LinearModel, text: string): string => {
  const p = probabilitiesInto(m, featurize(tokenize(text), m.features, new FeatureVector()), new Float64Array(2));
  return m.classes[p[0]! > p[1]! ? 0 : 1]!;
};
const opts = { features: DEFAULT_FEATURES, epochs: 20, learningRate: 0.3, l2: 1e-6, seed: 3, balance: 0 } as const;

test('a dense model learns a separable toy problem, the same way for the same seed', () => {
  const a = fitLinear(items, ['neg', 'pos'], { ...opts, table: { kind: 'dense', bits: 14 } });
  const b = fitLinear(items, ['neg', 'pos'], { ...opts, table: { kind: 'dense', bits: 14 } });
  assert.deepEqual(a.weights, b.weights);
  for (const i of items) assert.equal(predict(a, i.text), i.label);
});

test('dense and sparse tf-idf models survive the JSON round trip', () => {
  for (const table of [{ kind: 'dense', bits: 14 } as const, { kind: 'sparse' } as const]) {
    const m = fitLinear(items, ['neg', 'pos'], { ...opts, table, idf: table.kind === 'sparse' });
    const back = decodeModel(JSON.parse(JSON.stringify(encodeModel(m))));
    for (const i of items) assert.equal(predict(back, i.text), predict(m, i.text));
  }
});

test('decoding rejects what is not a model', () => {
  assert.throws(() => decodeModel({} as never), /lookout-linear/);
});

test('the fused scorer gives each model the logits it gives alone', () => {
  const a = fitLinear(items, ['neg', 'pos'], { ...opts, table: { kind: 'dense', bits: 12 } });
  const b = fitLinear(items, ['pos', 'neg'], { ...opts, seed: 9, table: { kind: 'dense', bits: 12 } });
  const fused = fuseModels([a, b]);
  const fv = featurize(tokenize('great service'), DEFAULT_FEATURES, new FeatureVector());
  const out = fused.score(fv, new Float64Array(fused.width));
  const alone = probabilitiesInto(a, fv, new Float64Array(2));
  const fusedA = Math.exp(out[0]!) / (Math.exp(out[0]!) + Math.exp(out[1]!));
  assert.ok(Math.abs(fusedA - alone[0]!) < 0.02);
});

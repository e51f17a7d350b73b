import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerThreshold, fitCalibration, predictClassifier, trainClassifier, type ClassifierExample } from './custom-classifier.ts';

// a tiny synthetic intent set: templates × objects, so every label has varied examples
const templates: Record<string, string[]> = {
  refund: ['i want my money back for the {x}', 'please refund the {x}', 'how do i get a refund on my {x}', 'refund my {x} now'],
  delivery: ['where is my {x}', 'my {x} has not arrived', 'when will the {x} be delivered', 'the {x} delivery is late'],
  password: ['i forgot the password for my {x}', 'reset my {x} password', 'cannot log in to my {x} account', 'password for {x} not working'],
};
const objects = ['order', 'parcel', 'shoes', 'laptop', 'phone', 'jacket', 'tv', 'book', 'headphones', 'camera'];
const examples: ClassifierExample[] = Object.entries(templates).flatMap(([label, ts]) =>
  ts.flatMap((t) => objects.map((x) => ({ text: t.replace('{x}', x), label }))),
);
const oos = ['what is the weather like', 'tell me a joke', 'who won the match last night', 'play some music',
  'how tall is the eiffel tower', 'set an alarm for seven', 'what time is it in tokyo', 'translate hello to french',
  'recommend a good movie', 'how many calories in an apple'].flatMap((t) => [t, `${t} please`, `hey ${t}`]);

test('learns the labels and predicts them for new wordings', () => {
  const model = trainClassifier(examples, { seed: 1 });
  assert.deepEqual(model.labels, ['delivery', 'password', 'refund']);
  assert.equal(predictClassifier(model, 'could you refund my blender').label, 'refund');
  assert.equal(predictClassifier(model, 'my blender has not arrived yet').label, 'delivery');
});

test('with out-of-scope examples it abstains on unrelated text', () => {
  const model = trainClassifier([...examples, ...oos.map((text) => ({ text, label: 'oos' }))], { seed: 1 });
  assert.equal(model.calibration.method, 'holdout');
  assert.equal(predictClassifier(model, 'tell me a joke about cats').label, null);
  assert.equal(predictClassifier(model, 'reset my laptop password').label, 'password');
});

test('the model is plain JSON: it predicts the same after a round trip', () => {
  const model = trainClassifier(examples, { seed: 2 });
  const back = JSON.parse(JSON.stringify(model));
  for (const text of ['where is my order', 'refund please', 'zzz']) assert.deepEqual(predictClassifier(back, text), predictClassifier(model, text));
});

test('odd input gives an answer, never an exception', () => {
  const model = trainClassifier(examples, { seed: 1 });
  for (const text of ['', '😀😀', '\u0000\u0001', 'x'.repeat(50_000), undefined as unknown as string]) {
    const p = predictClassifier(model, text);
    assert.ok(p.confidence >= 0 && p.confidence <= 1);
  }
});

test('training needs at least one label', () => {
  assert.throws(() => trainClassifier([]), /at least one label/);
});

test('calibration maps confidence to the observed chance of being right', () => {
  // held-out answers: right 9 times in 10 at 0.9, 1 time in 2 at 0.5, never at 0.1
  const scored = [
    ...Array.from({ length: 10 }, (_, i) => ({ truth: 'a', label: i < 9 ? 'a' : 'b', confidence: 0.9 })),
    ...Array.from({ length: 10 }, (_, i) => ({ truth: 'a', label: i < 5 ? 'a' : 'b', confidence: 0.5 })),
    ...Array.from({ length: 10 }, () => ({ truth: 'a', label: 'b', confidence: 0.1 })),
  ];
  const { a, b } = fitCalibration(scored);
  const at = (p: number) => 1 / (1 + Math.exp(-(a * Math.log(p / (1 - p)) + b)));
  assert.ok(at(0.9) > 0.75 && at(0.1) < 0.2, `${at(0.9)} ${at(0.1)}`);
  assert.ok(Math.abs(at(0.5) - 0.5) < 0.15);
});

test('answering pays above cost / (1 + cost)', () => {
  assert.equal(answerThreshold(1), 0.5);
  assert.ok(Math.abs(answerThreshold(0.5) - 1 / 3) < 1e-12);
});

test('precision and recall per label are measured on the held-out part, abstentions counting as misses', () => {
  const withOos = [...examples, ...oos.map((text) => ({ text, label: 'oos' }))];
  const model = trainClassifier(withOos, { seed: 1 });
  const per = model.calibration.perLabel!;
  assert.deepEqual(Object.keys(per).sort(), ['delivery', 'password', 'refund'], 'the real labels, not out-of-scope');
  const oosHeldOut = model.calibration.heldOut - Object.values(per).reduce((n, l) => n + l.heldOut, 0);
  assert.ok(oosHeldOut > 0, 'the rest of the held-out part is out of scope');
  for (const [label, m] of Object.entries(per)) {
    assert.ok(m.heldOut > 0, label);
    assert.ok(m.precision !== null && m.precision >= 0.8 && m.precision <= 1, `${label} precision ${m.precision}`);
    assert.ok(m.recall !== null && m.recall > 0 && m.recall <= 1, `${label} recall ${m.recall}`);
  }
  // Recall over every real label's held-out examples = right answers / those examples, which the
  // overall accuracy and coverage bound from above (they also count answered out-of-scope texts).
  const right = Object.values(per).reduce((n, l) => n + (l.recall ?? 0) * l.heldOut, 0);
  assert.ok(right <= model.calibration.heldOut * (model.calibration.coverage ?? 0) + 0.5);
});

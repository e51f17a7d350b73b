import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../../platform/errors/index.ts';
import { applyCustomClassifiers, checkExamples, parseExamplesCsv, trainWorkspaceClassifier, trainWorkspaceNeedsResponse } from './workspace-classifiers.ts';

const billing = ['I was charged twice this month', 'refund my payment please', 'why is my invoice so high', 'the card payment failed again', 'cancel the extra charge on my bill', 'you billed me for a plan I never ordered', 'where is my refund', 'my invoice shows the wrong amount'];
const shipping = ['my parcel has not arrived', 'the delivery is late again', 'tracking number does not work', 'package arrived damaged', 'when will my order ship', 'courier left my box at the wrong address', 'order stuck in transit for a week', 'the shipment never came'];
const oos = ['what a lovely sunset tonight', 'who won the football match', 'recipe for banana bread', 'my cat is sleeping on the keyboard', 'best hiking trails near me', 'the new album is great'];
const examples = [
  ...billing.flatMap((t) => [{ text: t, label: 'billing' }, { text: `${t}!!`, label: 'billing' }, { text: `hey, ${t}`, label: 'billing' }]),
  ...shipping.flatMap((t) => [{ text: t, label: 'shipping' }, { text: `${t}!!`, label: 'shipping' }, { text: `hey, ${t}`, label: 'shipping' }]),
  ...oos.flatMap((t) => [{ text: t, label: 'oos' }, { text: `${t} :)`, label: 'oos' }]),
];

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(isAppError(e));
    return { status: e.status, fields: e.fields };
  }
  assert.fail('expected a refusal');
};

describe('workspace classifiers', () => {
  it('reads `text,label` CSV with a header, quotes and commas in the text, and names bad lines', () => {
    const { examples: rows, problems } = parseExamplesCsv('text,label\n"refund, now please",billing\r\nparcel late,shipping\nno label here\n\n"say ""hi""",oos\n');
    assert.deepEqual(rows, [{ text: 'refund, now please', label: 'billing' }, { text: 'parcel late', label: 'shipping' }, { text: 'say "hi"', label: 'oos' }]);
    assert.deepEqual(problems.map((p) => p.path), ['/body/csv/line/4']);
  });

  it('refuses too few examples or a single label, with the path', () => {
    const few = problemsOf(() => checkExamples(examples.slice(0, 5)));
    assert.equal(few.status, 400);
    assert.equal(few.fields[0]!.path, '/body/examples');
    const one = problemsOf(() => checkExamples(examples.filter((e) => e.label !== 'shipping'), '/body/csv'));
    assert.match(one.fields.map((f) => `${f.path} ${f.message}`).join(), /\/body\/csv needs at least 2 labels/);
  });

  it('trains, reports held-out metrics, labels in-scope text and abstains on out-of-scope text', () => {
    const { model, metrics } = trainWorkspaceClassifier(examples);
    assert.equal(metrics.examples, examples.length);
    assert.deepEqual(metrics.labels, { billing: 24, shipping: 24, oos: 12 });
    assert.ok(metrics.heldOut > 0 && metrics.accuracy !== null && metrics.abstainRate !== null);
    const custom = applyCustomClassifiers({ custom: [{ name: 'topic', classifier: model }], needsResponse: null }, 'I want a refund, you charged my card twice');
    assert.equal(custom.topic!.label, 'billing');
    const off = applyCustomClassifiers({ custom: [{ name: 'topic', classifier: model }], needsResponse: null }, 'who won the football match last night');
    assert.equal(off.topic!.label, null);
  });

  it('needs answered and dismissed history to learn what needs a response', () => {
    const onlyAnswered = problemsOf(() => trainWorkspaceNeedsResponse(billing.map((text) => ({ text, answered: true }))));
    assert.equal(onlyAnswered.fields[0]!.path, '/history');
    const history = [...examples.filter((e) => e.label !== 'oos').map((e) => ({ text: e.text, answered: true })), ...examples.filter((e) => e.label === 'oos').map((e) => ({ text: e.text, answered: false }))];
    const { model, metrics } = trainWorkspaceNeedsResponse(history);
    assert.equal(model.format, 'lookout-needs-response/1');
    assert.deepEqual(metrics.labels, { respond: 48, dismiss: 12 });
  });
});

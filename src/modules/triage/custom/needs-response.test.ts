import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blendNeedsResponse, trainNeedsResponseModel } from './needs-response.ts';

const answered = ['my order never arrived', 'i was charged twice', 'the app crashes on login', 'how do i reset my password',
  'still waiting for my refund', 'my package is lost', 'cannot access my account', 'wrong item delivered'];
const dismissed = ['great game last night', 'lol this meme', 'happy friday everyone', 'new blog post is up',
  'watching the news', 'coffee time', 'what a goal', 'good morning twitter'];
const examples = [
  ...answered.flatMap((t) => [t, `${t} again`, `ugh ${t}`].map((text) => ({ text, answered: true }))),
  ...dismissed.flatMap((t) => [t, `${t} again`, `wow ${t}`].map((text) => ({ text, answered: false }))),
];

test("a workspace's history moves the shipped needs-response probability its way", () => {
  const model = trainNeedsResponseModel(examples, { seed: 1 });
  assert.deepEqual(model.examples, { answered: 24, dismissed: 24 });
  assert.ok(model.blend > 0 && model.blend < 0.8);
  assert.ok(blendNeedsResponse(0.5, model, 'my parcel never arrived') > 0.5);
  assert.ok(blendNeedsResponse(0.5, model, 'happy friday, what a goal') < 0.5);
});

test('needs both answered and dismissed examples', () => {
  assert.throws(() => trainNeedsResponseModel([{ text: 'x', answered: true }]), /both/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractTerms } from './terms.ts';
import { clusterTopics, type TopicMention } from './topics.ts';

const mention = (id: string, text: string, atMs = 0): TopicMention => ({ id, atMs, terms: extractTerms(text) });

test('mentions split into topics by the salient terms they share, labelled with word pairs', () => {
  const mentions = [
    mention('b1', 'battery overheating after update', 1),
    mention('b2', 'my battery overheating badly', 2),
    mention('b3', 'battery overheating, phone hot', 3),
    mention('l1', 'login error on the app', 4),
    mention('l2', 'login error again', 5),
    mention('l3', 'cannot pass login error screen', 6),
    mention('x1', 'nice weather today', 7),
  ];
  const topics = clusterTopics(mentions, ['overheating', 'battery', 'battery overheating', 'login error', 'error', 'login'], 5, 10);
  assert.equal(topics.length, 2);
  assert.deepEqual(topics[0]!.terms, ['battery overheating']);
  assert.deepEqual(topics[0]!.mentionIds, ['b3', 'b2', 'b1']);
  assert.deepEqual(topics[1]!.terms, ['login error']);
  assert.equal(topics[1]!.label, 'login error');
  assert.equal(topics[1]!.size, 3);
});

test('a salient term that only one mention uses is not a topic; caps are respected', () => {
  const mentions = [mention('a', 'refund please'), mention('b', 'refund now'), mention('c', 'weird outage')];
  const topics = clusterTopics(mentions, ['outage', 'refund'], 1, 1);
  assert.equal(topics.length, 1);
  assert.deepEqual(topics[0]!.terms, ['refund']);
  assert.equal(topics[0]!.mentionIds.length, 1);
  assert.deepEqual(clusterTopics([], ['refund'], 5, 5), []);
});

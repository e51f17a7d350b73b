import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors/index.ts';
import { allowedIncidentTransitions, checkIncidentTransition, statusStamps } from './status.ts';

const NOW = new Date('2026-03-04T10:00:00Z');

test('moves go forward only; resolved and dismissed are final', () => {
  assert.deepEqual(allowedIncidentTransitions('detected'), ['acknowledged', 'mitigating', 'resolved', 'dismissed']);
  assert.doesNotThrow(() => checkIncidentTransition('acknowledged', 'mitigating'));
  for (const [from, to] of [['mitigating', 'acknowledged'], ['resolved', 'acknowledged'], ['dismissed', 'detected'], ['acknowledged', 'detected']] as const) {
    assert.throws(() => checkIncidentTransition(from, to), (e: unknown) => e instanceof AppError && e.status === 409 && e.message.includes(`A ${from} incident`));
  }
});

test('stamps: mitigating or resolving an unacknowledged incident acknowledges it; dismissing does not', () => {
  assert.deepEqual(statusStamps({ acknowledgedAt: null, mitigatingAt: null }, 'acknowledged', NOW), { status: 'acknowledged', acknowledgedAt: NOW });
  assert.deepEqual(statusStamps({ acknowledgedAt: null, mitigatingAt: null }, 'resolved', NOW), { status: 'resolved', acknowledgedAt: NOW, resolvedAt: NOW });
  const earlier = new Date('2026-03-04T09:00:00Z');
  assert.deepEqual(statusStamps({ acknowledgedAt: earlier, mitigatingAt: null }, 'mitigating', NOW), { status: 'mitigating', mitigatingAt: NOW });
  assert.deepEqual(statusStamps({ acknowledgedAt: null, mitigatingAt: null }, 'dismissed', NOW), { status: 'dismissed', dismissedAt: NOW });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drillHistory, scoreDrill, type DrillFacts } from './score.ts';

const T0 = new Date('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const expected = {
  detectWithinMinutes: 8,
  acknowledgeWithinMinutes: 15,
  publicStatementWithinMinutes: 25,
  alertStakeholders: [{ role: 'supervisor' }, { email: 'comms@acme.example' }],
  playbookSteps: ['Confirm the outage with engineering', 'Post a status update'],
};
const base: DrillFacts = {
  startedAt: at(-1),
  firstMentionAt: at(0),
  firstAlertAt: at(6),
  incident: { id: '00000000-0000-4000-8000-000000000001', detectedAt: at(6.5), acknowledgedAt: at(12), firstPublicResponseAt: at(20) },
  deliveries: [
    { kind: 'console', target: 'm1', state: 'sent', memberName: 'Sam Super', memberEmail: 'sam@acme.example', memberRole: 'supervisor' },
    { kind: 'email', target: 'comms@acme.example', state: 'suppressed', memberName: null, memberEmail: null, memberRole: null },
  ],
  checklist: [
    { title: 'Confirm the outage with engineering', doneAt: at(9) },
    { title: 'Post a status update on the status page', doneAt: at(21) },
    { title: 'Reply to the reporter', doneAt: null },
  ],
};

describe('drill scoring', () => {
  it('a drill where every expectation is met scores 100 with no misses; suppressed drill deliveries count as alerted', () => {
    const r = scoreDrill(expected, base, at(40));
    assert.equal(r.score, 100);
    assert.deepEqual(r.misses, []);
    assert.deepEqual(r.detect, { expectedWithinMinutes: 8, actualMinutes: 6, met: true, lateByMinutes: null });
    assert.equal(r.acknowledge.actualMinutes, 12);
    assert.equal(r.publicResponse.actualMinutes, 20);
    assert.deepEqual(r.stakeholders.map((s) => [s.expected, s.alerted]), [['role supervisor', true], ['email comms@acme.example', true]]);
    assert.match(r.stakeholders[1]!.via!, /suppressed/);
    assert.deepEqual(r.playbookSteps.map((p) => [p.done, p.doneAfterMinutes]), [[true, 9], [true, 21]]);
    assert.equal(r.incidentId, base.incident!.id);
    assert.equal(r.computedAt, at(40).toISOString());
  });

  it('late, missing and failed things are misses, each saying by how much', () => {
    const r = scoreDrill(
      expected,
      {
        ...base,
        firstAlertAt: null,
        incident: { ...base.incident!, detectedAt: at(11.25), acknowledgedAt: at(30), firstPublicResponseAt: null },
        deliveries: [{ ...base.deliveries[1]!, state: 'failed' }],
        checklist: [{ title: 'confirm the OUTAGE with engineering', doneAt: at(40) }],
      },
      at(60),
    );
    assert.deepEqual(r.misses, [
      'Detection: 11.3 min, 3.3 min late (expected within 8 min)',
      'Acknowledgement: 30 min, 15 min late (expected within 15 min)',
      'Public statement: never happened (expected within 25 min)',
      'Not alerted: role supervisor',
      'Not alerted: email comms@acme.example',
      'Playbook step not done: Post a status update',
    ]);
    // 1 of 7 expectations met: the first playbook step (done late, but done).
    assert.equal(r.score, 14);
    assert.equal(r.detect.lateByMinutes, 3.3);
  });

  it('nothing happened at all: everything is missed, times measured from the start when no mention arrived', () => {
    const r = scoreDrill(expected, { ...base, firstMentionAt: null, firstAlertAt: null, incident: null, deliveries: [], checklist: [] }, at(60));
    assert.equal(r.score, 0);
    assert.equal(r.misses.length, 7);
    assert.equal(r.incidentId, null);
  });

  it('a scenario with no expectations scores 100 and only reports the times', () => {
    const r = scoreDrill({}, base, at(60));
    assert.equal(r.score, 100);
    assert.deepEqual(r.misses, []);
    assert.equal(r.acknowledge.expectedWithinMinutes, null);
    assert.equal(r.acknowledge.actualMinutes, 12);
  });

  it('history: per scenario, oldest first, with the trend; unscored runs left out', () => {
    const h = drillHistory([
      { id: 'c', scenarioName: 'Outage', startedAt: at(300), score: 86 },
      { id: 'a', scenarioName: 'Outage', startedAt: at(100), score: 40 },
      { id: 'x', scenarioName: 'Safety', startedAt: at(150), score: 70 },
      { id: 'b', scenarioName: 'Outage', startedAt: at(200), score: 57 },
      { id: 'n', scenarioName: 'Safety', startedAt: at(160), score: null },
    ]);
    assert.deepEqual(h.map((s) => [s.scenarioName, s.runs.map((r) => r.id), s.trend]), [['Outage', ['a', 'b', 'c'], 46], ['Safety', ['x'], 0]]);
  });
});

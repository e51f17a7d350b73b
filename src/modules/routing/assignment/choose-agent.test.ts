import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseAgent, type AgentCandidate } from './choose-agent.ts';

const agent = (id: string, over: Partial<AgentCandidate> = {}): AgentCandidate => ({ id, isOnline: true, openCount: 0, capacity: 5, ...over });

describe('chooseAgent: eligibility', () => {
  it('never picks someone offline, away or at capacity', () => {
    const out = chooseAgent(
      [agent('off', { isOnline: false }), agent('away', { presence: 'away' }), agent('full', { openCount: 5 }), agent('zero', { capacity: 0 })],
      {},
      { strategy: 'least_loaded' },
    );
    assert.equal(out.agentId, null);
    assert.equal(out.reason, 'no agent is online with spare capacity');
    assert.deepEqual(out.excluded, [
      { id: 'off', why: 'offline' },
      { id: 'away', why: 'away' },
      { id: 'full', why: 'at capacity (5/5)' },
      { id: 'zero', why: 'at capacity (0/0)' },
    ]);
  });

  it('treats a missing capacity as no limit', () => {
    assert.equal(chooseAgent([agent('a', { capacity: null, openCount: 99 })], {}, { strategy: 'least_loaded' }).agentId, 'a');
  });

  it('requires the language and channel skills, an empty list meaning any', () => {
    const team = [
      agent('en', { skills: { languages: ['en'], channels: ['email'] } }),
      agent('fr', { skills: { languages: ['fr', 'EN'] }, openCount: 3 }),
      agent('any', { openCount: 4 }),
    ];
    assert.equal(chooseAgent(team, { language: 'fr', channelKind: 'email' }, { strategy: 'least_loaded' }).agentId, 'fr');
    assert.equal(chooseAgent(team, { language: 'en', channelKind: 'email' }, { strategy: 'least_loaded' }).agentId, 'en');
    assert.equal(chooseAgent(team, { language: 'de', channelKind: 'bluesky' }, { strategy: 'least_loaded' }).agentId, 'any');
    const ja = chooseAgent(team.slice(0, 2), { language: 'ja', channelKind: 'x' }, { strategy: 'least_loaded' });
    assert.equal(ja.agentId, null);
    assert.equal(ja.reason, 'no available agent has the skills (language ja, channel x)');
    assert.deepEqual(ja.excluded.map((e) => e.why), ['does not speak ja', 'does not speak ja']);
  });

  it('matches channel skills by channel id as well as kind', () => {
    const a = agent('a', { skills: { channels: ['chan-42'] } });
    assert.equal(chooseAgent([a], { channelKind: 'email', channelId: 'chan-42' }, { strategy: 'least_loaded' }).agentId, 'a');
    assert.equal(chooseAgent([a], { channelKind: 'email', channelId: 'chan-7' }, { strategy: 'least_loaded' }).agentId, null);
  });

  it('can fall back to any available agent when nobody has the skills', () => {
    const out = chooseAgent([agent('en', { skills: { languages: ['en'] } })], { language: 'ja' }, { strategy: 'least_loaded', fallbackToUnskilled: true });
    assert.equal(out.agentId, 'en');
    assert.match(out.reason, /fell back to any available agent/);
  });

  it('says when the team is empty', () => {
    assert.equal(chooseAgent([], {}, { strategy: 'round_robin' }).reason, 'the team has no agents');
  });
});

describe('chooseAgent: sticky', () => {
  const team = [agent('a', { openCount: 0 }), agent('b', { openCount: 4 })];

  it('prefers the agent who last helped the customer when available', () => {
    const out = chooseAgent(team, { previousAgentId: 'b' }, { strategy: 'least_loaded' });
    assert.equal(out.agentId, 'b');
    assert.match(out.reason, /^sticky/);
  });

  it('moves on when that agent is offline, full or lacks the skill, or when sticky is off', () => {
    assert.equal(chooseAgent([team[0]!, agent('b', { isOnline: false })], { previousAgentId: 'b' }, { strategy: 'least_loaded' }).agentId, 'a');
    assert.equal(chooseAgent([team[0]!, agent('b', { openCount: 5 })], { previousAgentId: 'b' }, { strategy: 'least_loaded' }).agentId, 'a');
    assert.equal(chooseAgent([team[0]!, agent('b', { skills: { languages: ['de'] } })], { previousAgentId: 'b', language: 'en' }, { strategy: 'least_loaded' }).agentId, 'a');
    assert.equal(chooseAgent(team, { previousAgentId: 'b' }, { strategy: 'least_loaded', sticky: false }).agentId, 'a');
  });

  it('does not move the round-robin pointer for a sticky assignment', () => {
    const out = chooseAgent(team, { previousAgentId: 'b' }, { strategy: 'round_robin', roundRobinPointer: 'a' });
    assert.deepEqual([out.agentId, out.roundRobinPointer], ['b', 'a']);
  });
});

describe('chooseAgent: strategies', () => {
  it('round robin takes turns in the given order, skipping the unavailable, wrapping around', () => {
    const team = [agent('a'), agent('b', { isOnline: false }), agent('c'), agent('d')];
    let pointer: string | null = null;
    const picks: Array<string | null> = [];
    for (let i = 0; i < 5; i++) {
      const out = chooseAgent(team, {}, { strategy: 'round_robin', roundRobinPointer: pointer });
      picks.push(out.agentId);
      pointer = out.roundRobinPointer;
    }
    assert.deepEqual(picks, ['a', 'c', 'd', 'a', 'c']);
  });

  it('round robin restarts from the top when the pointer left the team', () => {
    assert.equal(chooseAgent([agent('a'), agent('b')], {}, { strategy: 'round_robin', roundRobinPointer: 'gone' }).agentId, 'a');
  });

  it('least loaded takes the fewest open, then the lowest share of capacity, then the longest idle', () => {
    assert.equal(chooseAgent([agent('a', { openCount: 3 }), agent('b', { openCount: 1 })], {}, { strategy: 'least_loaded' }).agentId, 'b');
    assert.equal(
      chooseAgent([agent('small', { openCount: 2, capacity: 3 }), agent('big', { openCount: 2, capacity: 10 })], {}, { strategy: 'least_loaded' }).agentId,
      'big',
    );
    const idle = chooseAgent(
      [agent('recent', { lastAssignedAt: '2026-01-05T10:00:00Z' }), agent('idle', { lastAssignedAt: '2026-01-05T08:00:00Z' }), agent('later', { lastAssignedAt: new Date('2026-01-05T09:00:00Z') })],
      {},
      { strategy: 'least_loaded' },
    );
    assert.equal(idle.agentId, 'idle');
    assert.equal(idle.reason, 'least loaded: 0 open of 5');
    assert.equal(chooseAgent([agent('x', { lastAssignedAt: 1 }), agent('never')], {}, { strategy: 'least_loaded' }).agentId, 'never');
  });
});

/**
 * Who in a team takes a conversation. Pure: the caller loads the team's members with their
 * presence, open work and skills, and stores the returned round-robin pointer.
 *
 * 1. Only agents who can take it are eligible: online (not away, not offline), under capacity,
 *    and with the skills it needs (its language and channel; an empty skill list means "any").
 * 2. Sticky first: the agent who last helped this customer, if eligible — customers keep their
 *    person (long-term relationships, not one-off incidents).
 * 3. Otherwise the team's strategy: `round_robin` takes the next eligible agent after the one who
 *    got the last conversation, in the order given; `least_loaded` takes the fewest open
 *    conversations, then the lowest share of capacity, then the longest since an assignment.
 * Nobody eligible → null, with why, so the conversation waits in the team's queue.
 */
import { toEpochMs, type InstantInput } from '../sla/index.ts';

export type AgentPresence = 'online' | 'away' | 'offline';

export interface AgentCandidate {
  id: string;
  isOnline: boolean;
  /** Finer presence when known; anything but `online` is unavailable. */
  presence?: AgentPresence;
  /** Conversations the agent has open now. */
  openCount: number;
  /** Most open conversations the agent takes; null/absent = no limit, 0 = takes none. */
  capacity?: number | null;
  skills?: {
    /** Language codes the agent answers in; empty/absent = any. */
    languages?: string[];
    /** Channel kinds or channel ids the agent works; empty/absent = any. */
    channels?: string[];
  };
  lastAssignedAt?: InstantInput | null;
}

export interface AssignmentFacts {
  language?: string | null;
  channelKind?: string | null;
  channelId?: string | null;
  /** The agent who last helped this customer (any channel). */
  previousAgentId?: string | null;
}

export type AssignmentStrategy = 'round_robin' | 'least_loaded';

export interface TeamAssignmentSettings {
  strategy: AssignmentStrategy;
  /** Id of the agent who got the team's last round-robin conversation. */
  roundRobinPointer?: string | null;
  /** Prefer the customer's previous agent (default true). */
  sticky?: boolean;
  /** When no skilled agent is available, give it to any available agent (default false). */
  fallbackToUnskilled?: boolean;
}

export interface AssignmentChoice {
  agentId: string | null;
  reason: string;
  /** Store as the team's new `roundRobinPointer` (unchanged unless round-robin picked someone). */
  roundRobinPointer: string | null;
  /** Why each candidate that was not chosen could not be (for the console's "why not me?"). */
  excluded: Array<{ id: string; why: string }>;
}

const norm = (s: string) => s.toLowerCase();

const unavailability = (a: AgentCandidate): string | null => {
  if (!a.isOnline || (a.presence !== undefined && a.presence !== 'online')) return a.presence === 'away' ? 'away' : 'offline';
  if (a.capacity !== null && a.capacity !== undefined && a.openCount >= a.capacity) return `at capacity (${a.openCount}/${a.capacity})`;
  return null;
};

const missingSkill = (a: AgentCandidate, facts: AssignmentFacts): string | null => {
  const langs = a.skills?.languages ?? [];
  if (facts.language && langs.length && !langs.some((l) => norm(l) === norm(facts.language as string))) return `does not speak ${facts.language}`;
  const chans = a.skills?.channels ?? [];
  if (chans.length && (facts.channelKind || facts.channelId)) {
    const wanted = [facts.channelKind, facts.channelId].filter((x): x is string => !!x).map(norm);
    if (!chans.some((c) => wanted.includes(norm(c)))) return `does not work ${facts.channelKind ?? facts.channelId}`;
  }
  return null;
};

const since = (a: AgentCandidate): number => (a.lastAssignedAt === null || a.lastAssignedAt === undefined ? -Infinity : toEpochMs(a.lastAssignedAt));
const loadShare = (a: AgentCandidate): number => (a.capacity ? a.openCount / a.capacity : 0);

const pickLeastLoaded = (pool: AgentCandidate[]): AgentCandidate =>
  pool.reduce((best, a) => {
    if (a.openCount !== best.openCount) return a.openCount < best.openCount ? a : best;
    if (loadShare(a) !== loadShare(best)) return loadShare(a) < loadShare(best) ? a : best;
    return since(a) < since(best) ? a : best;
  });

/** The first eligible agent after the pointer, in the team's order, wrapping around. */
const pickRoundRobin = (order: AgentCandidate[], eligible: Set<string>, pointer: string | null | undefined): AgentCandidate | null => {
  const start = pointer ? order.findIndex((a) => a.id === pointer) + 1 : 0;
  for (let k = 0; k < order.length; k++) {
    const a = order[(start + k) % order.length] as AgentCandidate;
    if (eligible.has(a.id)) return a;
  }
  return null;
};

export const chooseAgent = (candidates: readonly AgentCandidate[], facts: AssignmentFacts, team: TeamAssignmentSettings): AssignmentChoice => {
  const pointer = team.roundRobinPointer ?? null;
  const excluded: Array<{ id: string; why: string }> = [];
  const available: AgentCandidate[] = [];
  const skilled: AgentCandidate[] = [];
  for (const a of candidates) {
    const why = unavailability(a);
    if (why) {
      excluded.push({ id: a.id, why });
      continue;
    }
    available.push(a);
    const gap = missingSkill(a, facts);
    if (gap) excluded.push({ id: a.id, why: gap });
    else skilled.push(a);
  }
  const done = (agent: AgentCandidate | null, reason: string, rr = false): AssignmentChoice => ({
    agentId: agent?.id ?? null,
    reason,
    roundRobinPointer: rr && agent ? agent.id : pointer,
    excluded: excluded.filter((e) => e.id !== agent?.id),
  });

  if (team.sticky !== false && facts.previousAgentId) {
    const prev = skilled.find((a) => a.id === facts.previousAgentId);
    if (prev) return done(prev, 'sticky: last helped this customer and is available');
  }
  let pool = skilled;
  let note = '';
  if (pool.length === 0 && team.fallbackToUnskilled && available.length) {
    pool = available;
    note = ' (no available agent had the skills; fell back to any available agent)';
  }
  if (pool.length === 0) {
    const needs = [facts.language && `language ${facts.language}`, (facts.channelKind ?? facts.channelId) && `channel ${facts.channelKind ?? facts.channelId}`].filter(Boolean);
    const reason = available.length
      ? `no available agent has the skills (${needs.join(', ')})`
      : candidates.length
        ? 'no agent is online with spare capacity'
        : 'the team has no agents';
    return done(null, reason);
  }
  if (team.strategy === 'round_robin') {
    const eligible = new Set(pool.map((a) => a.id));
    const agent = pickRoundRobin([...candidates], eligible, pointer);
    return done(agent, `round robin: next available after ${pointer ?? 'the start of the rotation'}${note}`, true);
  }
  const agent = pickLeastLoaded(pool);
  return done(agent, `least loaded: ${agent.openCount} open${agent.capacity ? ` of ${agent.capacity}` : ''}${note}`);
};

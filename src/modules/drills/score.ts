import type { DrillHistory, DrillReport, ExpectedStakeholder, ScenarioExpectations, TimedScore } from '../../contracts/drills.ts';

/**
 * Scores a drill against its scenario's expectations. Pure: the facts are loaded from the
 * database by report-facts.ts. Times are measured from the drill's first mention (the moment a
 * real crisis would have started to be visible) in real minutes: a drill played faster does
 * not ask people to act faster, it only makes the mentions arrive sooner.
 */
export interface DeliveryFact {
  kind: string;
  target: string;
  state: string;
  memberName: string | null;
  memberEmail: string | null;
  memberRole: string | null;
}

export interface DrillFacts {
  startedAt: Date;
  firstMentionAt: Date | null;
  firstAlertAt: Date | null;
  incident: { id: string; detectedAt: Date; acknowledgedAt: Date | null; firstPublicResponseAt: Date | null } | null;
  deliveries: DeliveryFact[];
  checklist: { title: string; doneAt: Date | null }[];
}

const MINUTE = 60_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

const timed = (expected: number | undefined, from: Date, at: Date | null): TimedScore => {
  const actual = at ? round1(Math.max(0, at.getTime() - from.getTime()) / MINUTE) : null;
  if (expected === undefined) return { expectedWithinMinutes: null, actualMinutes: actual, met: actual !== null, lateByMinutes: null };
  const late = actual !== null && actual > expected ? round1(actual - expected) : null;
  return { expectedWithinMinutes: expected, actualMinutes: actual, met: actual !== null && actual <= expected, lateByMinutes: late };
};

const earliest = (...ds: (Date | null | undefined)[]): Date | null =>
  ds.filter((d): d is Date => d instanceof Date).reduce<Date | null>((m, d) => (!m || d < m ? d : m), null);

/** Failed deliveries reached nobody; a suppressed drill delivery is one that would have gone out. */
const reached = (d: DeliveryFact) => d.state !== 'failed';

const stakeholderLabel = (s: ExpectedStakeholder) => ('role' in s ? `role ${s.role}` : `email ${s.email}`);

const matchStakeholder = (s: ExpectedStakeholder, deliveries: DeliveryFact[]): DeliveryFact | null => {
  const live = deliveries.filter(reached);
  if ('role' in s) return live.find((d) => d.memberRole?.toLowerCase() === s.role.toLowerCase()) ?? null;
  const email = s.email.toLowerCase();
  return live.find((d) => d.target.toLowerCase() === email || d.memberEmail?.toLowerCase() === email) ?? null;
};

const normal = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
/** A checklist step matches an expected step by title, ignoring case, spacing and extra words around it. */
const sameStep = (a: string, b: string) => {
  const [x, y] = [normal(a), normal(b)];
  return x === y || x.includes(y) || y.includes(x);
};

export const scoreDrill = (expected: ScenarioExpectations, facts: DrillFacts, now: Date): DrillReport => {
  const from = facts.firstMentionAt ?? facts.startedAt;
  const inc = facts.incident;
  const detect = timed(expected.detectWithinMinutes, from, earliest(facts.firstAlertAt, inc?.detectedAt));
  const acknowledge = timed(expected.acknowledgeWithinMinutes, from, inc?.acknowledgedAt ?? null);
  const publicResponse = timed(expected.publicStatementWithinMinutes, from, inc?.firstPublicResponseAt ?? null);

  const stakeholders = (expected.alertStakeholders ?? []).map((s) => {
    const d = matchStakeholder(s, facts.deliveries);
    return { expected: stakeholderLabel(s), alerted: d !== null, via: d ? `${d.kind} → ${d.memberName ?? d.target}${d.state === 'suppressed' ? ' (suppressed: drill)' : ''}` : null };
  });
  const playbookSteps = (expected.playbookSteps ?? []).map((title) => {
    const done = facts.checklist.find((c) => c.doneAt && sameStep(c.title, title));
    return { title, done: Boolean(done), doneAfterMinutes: done?.doneAt ? round1(Math.max(0, done.doneAt.getTime() - from.getTime()) / MINUTE) : null };
  });

  const misses: string[] = [];
  const timedMiss = (label: string, t: TimedScore) => {
    if (t.expectedWithinMinutes === null || t.met) return;
    misses.push(t.actualMinutes === null ? `${label}: never happened (expected within ${t.expectedWithinMinutes} min)` : `${label}: ${t.actualMinutes} min, ${t.lateByMinutes} min late (expected within ${t.expectedWithinMinutes} min)`);
  };
  timedMiss('Detection', detect);
  timedMiss('Acknowledgement', acknowledge);
  timedMiss('Public statement', publicResponse);
  for (const s of stakeholders) if (!s.alerted) misses.push(`Not alerted: ${s.expected}`);
  for (const p of playbookSteps) if (!p.done) misses.push(`Playbook step not done: ${p.title}`);

  const checks = [detect, acknowledge, publicResponse].filter((t) => t.expectedWithinMinutes !== null).map((t) => t.met);
  checks.push(...stakeholders.map((s) => s.alerted), ...playbookSteps.map((p) => p.done));
  const score = checks.length ? Math.round((100 * checks.filter(Boolean).length) / checks.length) : 100;

  return {
    score, firstMentionAt: facts.firstMentionAt?.toISOString() ?? null, incidentId: inc?.id ?? null,
    detect, acknowledge, publicResponse, stakeholders, playbookSteps, misses, computedAt: now.toISOString(),
  };
};

/** Per scenario, the scores of successive finished runs (oldest first) and the trend (last − first). */
export const drillHistory = (runs: { id: string; scenarioName: string; startedAt: Date; score: number | null }[]): DrillHistory => {
  const by = new Map<string, { id: string; startedAt: string; score: number }[]>();
  for (const r of [...runs].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())) {
    if (r.score === null) continue;
    const list = by.get(r.scenarioName) ?? [];
    list.push({ id: r.id, startedAt: r.startedAt.toISOString(), score: r.score });
    by.set(r.scenarioName, list);
  }
  return [...by.entries()].map(([scenarioName, list]) => ({ scenarioName, runs: list, trend: list.length > 1 ? list.at(-1)!.score - list[0]!.score : 0 }));
};

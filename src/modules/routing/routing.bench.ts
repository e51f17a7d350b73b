/**
 * Routing speed: a 40-rule set (every field kind, regexes and listening queries included) run
 * over real tweets (SemEval sentiment sets from ../shared/data) dressed as mention facts, and SLA
 * clock starts on a business-hours calendar.
 *
 *   tsx src/modules/routing/routing.bench.ts
 *
 * Prints a few human lines, then one JSON line of figures (medians of 3 runs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileRules, evaluateRules, startSlaClocks, type BusinessCalendar, type DataRule, type MentionFacts } from './index.ts';

const dataDir = process.env.LOOKOUT_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data');
const semeval = path.join(dataDir, 'sentiment-semeval');
const rows = readdirSync(semeval)
  .filter((f) => f.endsWith('-A.tsv'))
  .flatMap((f) => readFileSync(path.join(semeval, f), 'utf8').split('\n'))
  .map((line) => line.split('\t'))
  .filter((cols) => cols.length >= 3);

const intents = ['question', 'complaint', 'billing', 'bug_report', 'outage_report', 'praise', 'other'];
const start = Date.parse('2026-01-05T00:00:00Z');
const facts: MentionFacts[] = rows.map((cols, i) => ({
  channelId: `ch-${i % 5}`,
  channelKind: ['bluesky', 'x', 'email', 'rss', 'webchat'][i % 5] as string,
  visibility: i % 3 ? 'public' : 'private',
  listeningQueryIds: i % 4 ? ['q-brand'] : [],
  text: cols.slice(2).join('\t'),
  language: 'en',
  sentiment: cols[1] as MentionFacts['sentiment'],
  sentimentScore: (i % 100) / 100,
  intent: intents[i % intents.length] as string,
  intentScore: ((i * 7) % 100) / 100,
  complaint: i % 3 === 0,
  complaintScore: ((i * 13) % 100) / 100,
  needsResponse: i % 2 === 0,
  priority: (i * 17) % 101,
  followers: (i * 7919) % 200_000,
  verified: i % 11 === 0,
  customerTier: ['free', 'pro', 'gold'][i % 3] as string,
  isVip: i % 50 === 0,
  isDrill: false,
  receivedAt: start + i * 97_000,
}));

const ruleShapes = (i: number): DataRule['when'] => {
  switch (i % 8) {
    case 0:
      return { all: [{ field: 'intent', op: 'eq', value: intents[i % intents.length], minScore: 0.5 }, { field: 'language', op: 'in', value: ['en', 'fr'] }] };
    case 1:
      return { any: [{ field: 'followers', op: 'gte', value: 50_000 + i }, { field: 'isVip', op: 'is', value: true }] };
    case 2:
      return { all: [{ field: 'text', op: 'contains', value: ['refund', 'broken', `word${i}`] }] };
    case 3:
      return { all: [{ field: 'text', op: 'matches_regex', value: `\\b(cancel|refund|outage)\\w*\\b|x${i}` }] };
    case 4:
      return { all: [{ field: 'text', op: 'matches_query', value: `(iphone OR apple) -(android OR "samsung galaxy") OR t${i}` }] };
    case 5:
      return { all: [{ field: 'timeOfDay', op: 'between', value: { from: '22:00', to: '06:00' }, timeZone: 'Europe/Paris' }, { field: 'dayOfWeek', op: 'in', value: ['sat', 'sun'] }] };
    case 6:
      return { all: [{ field: 'priority', op: 'between', value: [70, 100] }, { field: 'channelKind', op: 'in', value: ['bluesky', 'x'] }, { none: [{ field: 'sentiment', op: 'eq', value: 'positive' }] }] };
    default:
      return { all: [{ field: 'complaint', op: 'is', value: true, minScore: 0.6 }, { field: 'listeningQuery', op: 'has_any', value: ['q-brand'] }] };
  }
};
const rules: DataRule[] = Array.from({ length: 40 }, (_, i) => ({
  id: `r${i}`,
  name: `Rule ${i}`,
  when: ruleShapes(i),
  then: i % 8 === 1 ? [{ type: 'change_priority', by: 10 }] : [{ type: 'assign_team', teamId: `team-${i}` }, { type: 'add_tag', tag: `t${i % 8}` }],
}));
rules.push({ id: 'catch-all', name: 'Everything else', when: { all: [] }, then: [{ type: 'assign_team', teamId: 'team-general' }] });

/** Output goes to stdout; the last line is the JSON of figures. */
const print = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const time = (fn: () => void): number => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

const compiled = compileRules(rules);
for (const f of facts.slice(0, 5000)) evaluateRules(compiled, f); // warm up
let fired = 0;
const ruleRates = [0, 1, 2].map(() => {
  fired = 0;
  return facts.length / time(() => facts.forEach((f) => (fired += evaluateRules(compiled, f).fired.length)));
});

const hours = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];
const calendar: BusinessCalendar = { timeZone: 'Europe/Paris', weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours }, holidays: ['2026-01-01', '2026-04-06', '2026-05-01'] };
const policy = { id: 'p', name: 'P', targets: { firstResponse: 60, relief: 480, resolution: 2400 } };
const slaRates = [0, 1, 2].map(() => facts.length / time(() => facts.forEach((f) => startSlaClocks(policy, calendar, f.receivedAt as number))));

const rulesPerSec = Math.round(median(ruleRates));
const slaPerSec = Math.round(median(slaRates));
print(`${rules.length} rules over ${facts.length} mentions: ${rulesPerSec} mentions/s, ${(fired / facts.length).toFixed(2)} rules fired per mention`);
print(`SLA clocks (3 metrics, business-hours calendar): ${slaPerSec} conversations/s`);
print(JSON.stringify({ bench: 'routing', mentions: facts.length, rules: rules.length, rulesMentionsPerSec: rulesPerSec, firedPerMention: Number((fired / facts.length).toFixed(2)), slaStartsPerSec: slaPerSec }));

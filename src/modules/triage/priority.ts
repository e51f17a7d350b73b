/**
 * Priority 0–100 as a sum of weighted signals, each with a reason a person can read. Urgency
 * 0–1 combines the cues as independent chances (1 − Π(1 − u)).
 */
import type { Intent } from './signals/intent-rules.ts';
import type { CueHit, UrgencyCue } from './signals/urgency-cues.ts';
import type { TriageWeights } from './settings.ts';
import type { PriorityFactor, Sentiment } from './types.ts';

export interface PriorityInput {
  sentiment: Sentiment;
  negativeProb: number;
  complaintProb: number;
  isComplaint: boolean;
  needsResponseProb: number;
  needsResponse: boolean;
  intent: Intent;
  intentScore: number;
  cues: CueHit[];
  waitingMinutes: number;
  influence: { score: number; reasons: string[] };
  customer?: { tier?: string; isVip?: boolean };
}

const CUE_URGENCY: Record<UrgencyCue, number> = {
  safety: 0.8, legal: 0.6, outage: 0.5, media: 0.5, cancellation: 0.4, repeated_contact: 0.35, waiting: 0.5,
};

const CUE_VERB: Record<UrgencyCue, string> = {
  outage: 'says', safety: 'mentions', legal: 'mentions', media: 'mentions', cancellation: 'says', repeated_contact: 'says', waiting: '',
};

const two = (x: number): string => x.toFixed(2);
const humanIntent = (i: Intent): string => i.replace('_', ' ');

export const urgencyOf = (cues: readonly CueHit[], waitingMinutes: number, fullAfter: number): number => {
  let calm = 1;
  for (const c of cues) calm *= 1 - (c.cue === 'waiting' ? CUE_URGENCY.waiting * Math.min(1, waitingMinutes / fullAfter) : CUE_URGENCY[c.cue]);
  return 1 - calm;
};

export const computePriority = (p: PriorityInput, w: TriageWeights): { priority: number; factors: PriorityFactor[] } => {
  const factors: PriorityFactor[] = [];
  const add = (factor: string, points: number, reason: string): void => {
    if (Math.abs(points) >= 0.5) factors.push({ factor, points: Math.round(points * 10) / 10, reason });
  };
  add('base', w.base, 'base');
  if (p.sentiment === 'negative') add('negative', w.negative * p.negativeProb, `negative, ${two(p.negativeProb)}`);
  if (p.isComplaint) add('complaint', w.complaint * p.complaintProb, `complaint, ${two(p.complaintProb)}`);
  if (p.needsResponse) add('needs_response', w.needsResponse * p.needsResponseProb, `needs a response, ${two(p.needsResponseProb)}`);
  const intentPoints = w.intent[p.intent] ?? 0;
  add('intent', intentPoints * Math.min(1, p.intentScore * 1.5), p.intent === 'spam' ? `looks like spam, ${two(p.intentScore)}` : `${humanIntent(p.intent)}, ${two(p.intentScore)}`);
  for (const c of p.cues) {
    if (c.cue === 'waiting') {
      add('waiting', w.urgency.waiting * Math.min(1, p.waitingMinutes / w.waitingFullAfterMinutes), c.evidence);
    } else add(c.cue, w.urgency[c.cue], c.evidence.startsWith('contacted') ? c.evidence : `${CUE_VERB[c.cue]} '${c.evidence}'`);
  }
  if (p.influence.score > 0) add('influence', w.influence * p.influence.score, p.influence.reasons.join(', ') || `influence ${two(p.influence.score)}`);
  if (p.customer?.isVip) add('vip', w.vip, 'VIP customer');
  const tier = p.customer?.tier?.toLowerCase();
  if (tier && w.tier[tier]) add('tier', w.tier[tier]!, `${tier} tier`);
  const total = factors.reduce((a, f) => a + f.points, 0);
  factors.sort((a, b) => b.points - a.points);
  return { priority: Math.max(0, Math.min(100, Math.round(total))), factors };
};

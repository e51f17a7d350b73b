/**
 * SLA policies: how fast a conversation must get a first response, relief and resolution,
 * in business minutes of a calendar. A workspace orders its policies; the first whose criteria
 * all hold wins, and the one marked `isDefault` catches the rest.
 */
import { AppError, type FieldProblem } from '../../../platform/errors/index.ts';

export const SLA_METRICS = ['first_response', 'relief', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export interface SlaTargets {
  /** Business minutes; null or absent = no clock for that metric. */
  firstResponse?: number | null;
  relief?: number | null;
  resolution?: number | null;
}

export interface SlaPolicyCriteria {
  /** Inclusive priority range (0–100). */
  minPriority?: number;
  maxPriority?: number;
  /** Any of these channel kinds (`email`, `bluesky`, …). */
  channelKinds?: string[];
  /** Any of these customer tiers (compared case-insensitively). */
  customerTiers?: string[];
}

export interface SlaPolicy {
  id: string;
  name: string;
  /** Criteria that must all hold; absent or empty = matches everything. */
  criteria?: SlaPolicyCriteria;
  targets: SlaTargets;
  /** Business-hours calendar id; null = counted around the clock. */
  calendarId?: string | null;
  /** Fraction of the target after which the clock is in `warning` (default 0.75). */
  warningFraction?: number;
  /** Used when no other policy matches. */
  isDefault?: boolean;
}

export interface SlaPolicyFacts {
  priority?: number | null;
  channelKind?: string | null;
  customerTier?: string | null;
}

export interface SlaPolicyChoice {
  policy: SlaPolicy;
  /** Why it was chosen, e.g. `priority 85 in 70–100, channel kind email`. */
  reason: string;
}

export const DEFAULT_WARNING_FRACTION = 0.75;

export const targetFor = (targets: SlaTargets, metric: SlaMetric): number | null => {
  const t = metric === 'first_response' ? targets.firstResponse : metric === 'relief' ? targets.relief : targets.resolution;
  return typeof t === 'number' && t > 0 ? t : null;
};

/** Why the criteria hold, or null when one fails (a missing fact fails the criteria that need it). */
const matchCriteria = (c: SlaPolicyCriteria | undefined, facts: SlaPolicyFacts): string[] | null => {
  const reasons: string[] = [];
  if (!c) return reasons;
  if (c.minPriority !== undefined || c.maxPriority !== undefined) {
    const p = facts.priority;
    if (typeof p !== 'number') return null;
    if ((c.minPriority !== undefined && p < c.minPriority) || (c.maxPriority !== undefined && p > c.maxPriority)) return null;
    reasons.push(`priority ${p} in ${c.minPriority ?? 0}–${c.maxPriority ?? 100}`);
  }
  if (c.channelKinds?.length) {
    if (!facts.channelKind || !c.channelKinds.includes(facts.channelKind)) return null;
    reasons.push(`channel kind ${facts.channelKind}`);
  }
  if (c.customerTiers?.length) {
    const tier = facts.customerTier?.toLowerCase();
    if (!tier || !c.customerTiers.some((t) => t.toLowerCase() === tier)) return null;
    reasons.push(`customer tier ${facts.customerTier}`);
  }
  return reasons;
};

/** The first matching policy in order, else the default, else null. */
export const selectSlaPolicy = (policies: readonly SlaPolicy[], facts: SlaPolicyFacts): SlaPolicyChoice | null => {
  for (const policy of policies) {
    if (policy.isDefault) continue;
    const reasons = matchCriteria(policy.criteria, facts);
    if (reasons) return { policy, reason: reasons.length ? reasons.join(', ') : 'matches every conversation' };
  }
  const fallback = policies.find((p) => p.isDefault);
  return fallback ? { policy: fallback, reason: 'default policy' } : null;
};

const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');

/** Checks a policy before it is saved; lists every problem with its path. */
export const validateSlaPolicy = (input: unknown, basePath = ''): SlaPolicy => {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path: `${basePath}${path}`, message });
  const p = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  if (typeof p.id !== 'string' || p.id === '') add('/id', 'expected a non-empty string');
  if (typeof p.name !== 'string' || p.name.trim() === '') add('/name', 'expected a non-empty name');
  const targets = (typeof p.targets === 'object' && p.targets !== null ? p.targets : null) as Record<string, unknown> | null;
  if (!targets) add('/targets', 'expected an object with firstResponse, relief and/or resolution minutes');
  else {
    let any = false;
    for (const key of ['firstResponse', 'relief', 'resolution']) {
      const v = targets[key];
      if (v === undefined || v === null) continue;
      if (!isPositive(v)) add(`/targets/${key}`, 'expected a number of minutes greater than 0');
      else any = true;
    }
    for (const key of Object.keys(targets)) if (!['firstResponse', 'relief', 'resolution'].includes(key)) add(`/targets/${key}`, 'unknown target; use firstResponse, relief or resolution');
    if (!any && problems.length === 0) add('/targets', 'set at least one target');
  }
  if (p.criteria !== undefined) {
    const c = (typeof p.criteria === 'object' && p.criteria !== null ? p.criteria : null) as Record<string, unknown> | null;
    if (!c) add('/criteria', 'expected an object');
    else {
      for (const key of ['minPriority', 'maxPriority'] as const) {
        const v = c[key];
        if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 100)) add(`/criteria/${key}`, 'expected a number from 0 to 100');
      }
      if (typeof c.minPriority === 'number' && typeof c.maxPriority === 'number' && c.minPriority > c.maxPriority) add('/criteria/maxPriority', 'must not be below minPriority');
      for (const key of ['channelKinds', 'customerTiers'] as const) if (c[key] !== undefined && !isStringList(c[key])) add(`/criteria/${key}`, 'expected a list of strings');
      for (const key of Object.keys(c)) if (!['minPriority', 'maxPriority', 'channelKinds', 'customerTiers'].includes(key)) add(`/criteria/${key}`, 'unknown criterion');
    }
  }
  if (p.calendarId !== undefined && p.calendarId !== null && (typeof p.calendarId !== 'string' || p.calendarId === '')) add('/calendarId', 'expected a calendar id or null');
  if (p.warningFraction !== undefined && (typeof p.warningFraction !== 'number' || !(p.warningFraction > 0 && p.warningFraction < 1))) add('/warningFraction', 'expected a fraction between 0 and 1, e.g. 0.75');
  if (p.isDefault !== undefined && typeof p.isDefault !== 'boolean') add('/isDefault', 'expected true or false');
  if (problems.length) throw new AppError('VALIDATION_FAILED', `SLA policy is invalid: ${problems.map((x) => `${x.path} ${x.message}`).join('; ')}`, problems);
  return input as SlaPolicy;
};

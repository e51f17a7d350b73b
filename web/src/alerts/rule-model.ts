import type { AlertRuleView } from '@contracts';

/**
 * The alert rule editor's working copy, and its translation to and from the API's definition.
 * Slack/webhook URLs and webhook secrets are write-only: an existing recipient shows the URL's
 * hint; leaving the field empty keeps what is stored (the recipient is sent back by id).
 */
export type RecipientKind = 'member' | 'email' | 'slack' | 'webhook';
export interface QuietDraft {
  from: string;
  to: string;
  minSeverity: number;
}
export interface RecipientDraft {
  id?: string;
  kind: RecipientKind;
  memberId: string;
  email: boolean;
  address: string;
  url: string;
  urlHint: string;
  secret: string;
  hasSecret: boolean;
  quietHours?: QuietDraft;
}
export interface LevelDraft {
  afterMinutes: number;
  recipients: RecipientDraft[];
}
export interface RuleDraft {
  name: string;
  isActive: boolean;
  minSeverity: number;
  types: string[];
  terms: string[];
  drills: 'include' | 'exclude' | 'only';
  hours: { from: string; to: string; days: number[] } | null;
  recipients: RecipientDraft[];
  levels: LevelDraft[];
  quietHours: QuietDraft | null;
  windowMinutes: number | '';
  maxPerHour: number | '';
}

export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const KIND_LABELS: Record<RecipientKind, string> = { member: 'Member (console + email)', email: 'Email address', slack: 'Slack webhook', webhook: 'Signed webhook' };

export const newRecipient = (kind: RecipientKind = 'member'): RecipientDraft => ({ kind, memberId: '', email: true, address: '', url: '', urlHint: '', secret: '', hasSecret: false });

export const emptyDraft = (): RuleDraft => ({
  name: '',
  isActive: true,
  minSeverity: 5,
  types: [],
  terms: [],
  drills: 'include',
  hours: null,
  recipients: [newRecipient()],
  levels: [],
  quietHours: null,
  windowMinutes: '',
  maxPerHour: '',
});

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

const recipientFrom = (r: Obj): RecipientDraft => ({
  id: str(r.id) || undefined,
  kind: (str(r.kind) || 'member') as RecipientKind,
  memberId: str(r.memberId),
  email: r.email !== false,
  address: str(r.address),
  url: '',
  urlHint: str(r.urlHint),
  secret: '',
  hasSecret: r.hasSecret === true,
  ...(r.quietHours ? { quietHours: r.quietHours as QuietDraft } : {}),
});

export const draftFrom = (rule: AlertRuleView): RuleDraft => {
  const d = rule.definition as Obj;
  const c = (d.conditions ?? {}) as Obj;
  const g = (d.grouping ?? {}) as Obj;
  const hours = c.hours as { from: string; to: string; days?: number[] } | undefined;
  const levels = (((d.escalation ?? {}) as Obj).levels ?? []) as { afterMinutes: number; recipients: Obj[] }[];
  return {
    name: rule.name,
    isActive: rule.isActive,
    minSeverity: Number(c.minSeverity ?? 1),
    types: (c.types as string[] | undefined) ?? [],
    terms: (c.terms as string[] | undefined) ?? [],
    drills: (c.drills as RuleDraft['drills'] | undefined) ?? 'include',
    hours: hours ? { from: hours.from, to: hours.to, days: hours.days ?? [0, 1, 2, 3, 4, 5, 6] } : null,
    recipients: ((d.recipients ?? []) as Obj[]).map(recipientFrom),
    levels: levels.map((l) => ({ afterMinutes: l.afterMinutes, recipients: l.recipients.map(recipientFrom) })),
    quietHours: (d.quietHours as QuietDraft | undefined) ?? null,
    windowMinutes: typeof g.windowMinutes === 'number' ? g.windowMinutes : '',
    maxPerHour: typeof g.maxPerHour === 'number' ? g.maxPerHour : '',
  };
};

const recipientBody = (r: RecipientDraft): Obj => {
  const base: Obj = { ...(r.id ? { id: r.id } : {}), kind: r.kind, ...(r.quietHours ? { quietHours: r.quietHours } : {}) };
  switch (r.kind) {
    case 'member':
      return { ...base, memberId: r.memberId, email: r.email };
    case 'email':
      return { ...base, address: r.address.trim() };
    case 'slack':
      return { ...base, ...(r.url.trim() ? { url: r.url.trim() } : {}) };
    case 'webhook':
      return { ...base, ...(r.url.trim() ? { url: r.url.trim() } : {}), ...(r.secret ? { secret: r.secret } : {}) };
  }
};

export const definitionOf = (d: RuleDraft): Obj => ({
  conditions: {
    minSeverity: d.minSeverity,
    types: d.types,
    terms: d.terms,
    drills: d.drills,
    ...(d.hours ? { hours: { from: d.hours.from, to: d.hours.to, days: d.hours.days } } : {}),
  },
  recipients: d.recipients.map(recipientBody),
  escalation: { levels: d.levels.map((l) => ({ afterMinutes: l.afterMinutes, recipients: l.recipients.map(recipientBody) })) },
  ...(d.quietHours ? { quietHours: d.quietHours } : {}),
  grouping: { ...(d.windowMinutes !== '' ? { windowMinutes: d.windowMinutes } : {}), ...(d.maxPerHour !== '' ? { maxPerHour: d.maxPerHour } : {}) },
});

/** A strong signing secret made in the browser, shown once so the receiver can be set up with it. */
export const generateSecret = (): string => {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
};

export const summaryOf = (rule: AlertRuleView, memberName: (id: string) => string): string => {
  const d = draftFrom(rule);
  const who = d.recipients.map((r) => (r.kind === 'member' ? memberName(r.memberId) : r.kind === 'email' ? r.address : r.kind === 'slack' ? 'Slack' : 'webhook')).join(', ');
  const what = [`severity ≥ ${d.minSeverity}`, d.types.length ? d.types.join('/') : null, d.terms.length ? `about ${d.terms.join(', ')}` : null, d.hours ? `${d.hours.from}–${d.hours.to}` : null].filter(Boolean).join(', ');
  return `${what} → ${who}${d.levels.length ? `; escalates ${d.levels.length}×` : ''}`;
};

import { findAccountNumbers, findAddresses, findCardNumbers, findEmails, findPhones, overlaps, type Span } from './detectors.ts';
import type { BuiltinKind, ComplianceSettings, GuardAction } from './settings.ts';

export type FindingKind = BuiltinKind | 'pattern' | 'forbiddenPromise' | 'businessHours';

export interface Finding {
  kind: FindingKind;
  action: GuardAction;
  /** What was matched, where (null for findings about the reply as a whole: business hours). */
  span: Span | null;
  message: string;
  /** The custom pattern that matched (kind 'pattern'). */
  patternId?: string;
}

export interface CheckInput {
  text: string;
  visibility: 'public' | 'private';
  settings: ComplianceSettings;
  /** Whether the channel's business calendar is open now (null: no calendar or not known). */
  businessHours?: { open: boolean; nextOpening?: Date | null; timeZone?: string | null } | null;
}

/**
 * Which checks a private reply gets. Card and account numbers are secrets anywhere, a custom
 * pattern is the workspace's own rule and a promise is binding in a DM too; but an email address,
 * a phone number or a street address is exactly what a private conversation is for, and a DM
 * outside office hours breaks no public expectation.
 */
const APPLIES_IN_PRIVATE: Record<FindingKind, boolean> = {
  cardNumber: true,
  accountNumber: true,
  pattern: true,
  forbiddenPromise: true,
  email: false,
  phone: false,
  address: false,
  businessHours: false,
};

/** Shows enough of a matched secret for the agent to find it, not enough to repeat it. */
export const maskDigits = (s: string): string => {
  const digits = s.replace(/\D/g, '');
  return digits.length <= 4 ? s : `…${digits.slice(-4)}`;
};

const BUILTIN_MESSAGES: Record<BuiltinKind, (s: Span) => string> = {
  cardNumber: (s) => `A payment card number (${maskDigits(s.text)}) must never be posted; ask the customer to use a secure channel`,
  accountNumber: (s) => `An account number (${maskDigits(s.text)}) is personal account data`,
  email: (s) => `An email address (${s.text}) is personal data`,
  phone: (s) => `A phone number (${s.text}) is personal data`,
  address: (s) => `A postal address ("${s.text}") is personal data`,
};

const DETECTORS: Record<BuiltinKind, (text: string) => Span[]> = {
  cardNumber: findCardNumbers,
  accountNumber: findAccountNumbers,
  email: findEmails,
  phone: findPhones,
  address: findAddresses,
};

/** A runaway custom pattern cannot flood the answer. */
const MAX_MATCHES_PER_PATTERN = 20;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "full refund" matches "Full  refund" and "full\nrefund" but not "fullrefund" nor "full refunds". */
export const phraseRegExp = (phrase: string): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])${phrase.trim().split(/\s+/).map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu');

const spansOf = (text: string, re: RegExp): Span[] => {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    if (!m[0]) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    if (out.length >= MAX_MATCHES_PER_PATTERN) break;
  }
  return out;
};

const formatOpening = (at: Date, timeZone: string | null | undefined): string =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: timeZone ?? 'UTC', timeZoneName: 'short' }).format(at);

/**
 * The guard: everything in a reply that the workspace's settings block or warn about, in text
 * order (business hours last). Pure. Card numbers win over phone and account numbers on the same
 * digits, so one number is reported once, as the most serious thing it is.
 */
export const checkReply = ({ text, visibility, settings, businessHours }: CheckInput): Finding[] => {
  const applies = (kind: FindingKind) => visibility === 'public' || APPLIES_IN_PRIVATE[kind];
  const findings: Finding[] = [];
  const taken: Span[] = [];
  for (const kind of ['cardNumber', 'accountNumber', 'phone', 'email', 'address'] as const) {
    const action = settings.builtins[kind];
    if (action === 'off' || !applies(kind)) continue;
    for (const span of DETECTORS[kind](text)) {
      if (taken.some((t) => overlaps(t, span))) continue;
      taken.push(span);
      findings.push({ kind, action, span, message: BUILTIN_MESSAGES[kind](span) });
    }
  }
  for (const p of settings.patterns) {
    if (!applies('pattern')) break;
    let re: RegExp;
    try {
      re = new RegExp(p.pattern, `${p.flags ?? ''}g`);
    } catch {
      continue;
    }
    for (const span of spansOf(text, re)) findings.push({ kind: 'pattern', action: p.action, span, patternId: p.id, message: `Matches the workspace's "${p.name}" rule` });
  }
  if (applies('forbiddenPromise')) {
    for (const p of settings.forbiddenPromises) {
      for (const span of spansOf(text, phraseRegExp(p.phrase))) {
        findings.push({ kind: 'forbiddenPromise', action: p.action, span, message: `"${span.text}" is a promise this workspace does not make in replies` });
      }
    }
  }
  findings.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  if (settings.businessHours !== 'off' && applies('businessHours') && businessHours && !businessHours.open) {
    const next = businessHours.nextOpening ? `; it opens ${formatOpening(businessHours.nextOpening, businessHours.timeZone)}` : '';
    findings.push({ kind: 'businessHours', action: settings.businessHours, span: null, message: `The channel is outside its business hours${next}` });
  }
  return findings;
};

export const blocking = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.action === 'block');
export const warnings = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.action === 'warn');

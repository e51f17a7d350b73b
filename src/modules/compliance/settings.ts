import { AppError, type FieldProblem } from '../../platform/errors/index.ts';

/**
 * A workspace's compliance settings (`workspaces.settings.compliance`): what the guard looks for
 * before a reply leaves, and what it does when it finds it. Read leniently (a stored value from an
 * older version still works), validated strictly when saved.
 */
export type GuardAction = 'block' | 'warn';
export type BuiltinSetting = GuardAction | 'off';
export const BUILTIN_KINDS = ['cardNumber', 'accountNumber', 'email', 'phone', 'address'] as const;
export type BuiltinKind = (typeof BUILTIN_KINDS)[number];

export interface CustomPattern {
  id: string;
  name: string;
  /** A regular expression's source, e.g. `\bORD-\d{6}\b`. */
  pattern: string;
  /** Any of i, m, s, u (g is added by the checker). */
  flags?: string;
  action: GuardAction;
}

export interface ForbiddenPromise {
  phrase: string;
  action: GuardAction;
}

/** Settings as a client sends them: new patterns have no id yet. */
export type ComplianceInput = Omit<ComplianceSettings, 'patterns'> & { patterns: (Omit<CustomPattern, 'id'> & { id?: string | undefined })[] };

export interface ComplianceSettings {
  builtins: Record<BuiltinKind, BuiltinSetting>;
  patterns: CustomPattern[];
  forbiddenPromises: ForbiddenPromise[];
  /** What a public reply outside the channel's business hours gets. */
  businessHours: BuiltinSetting;
}

/** Card and account numbers never belong in a reply; contact details and hours deserve a second look. */
export const DEFAULT_COMPLIANCE: ComplianceSettings = {
  builtins: { cardNumber: 'block', accountNumber: 'block', email: 'warn', phone: 'warn', address: 'warn' },
  patterns: [],
  forbiddenPromises: [],
  businessHours: 'off',
};

export const LIMITS = { patterns: 50, patternLength: 200, name: 80, promises: 100, phraseLength: 120 } as const;
const ALLOWED_FLAGS = /^[imsu]*$/;

const isAction = (v: unknown): v is GuardAction => v === 'block' || v === 'warn';
const isSetting = (v: unknown): v is BuiltinSetting => isAction(v) || v === 'off';

/** The stored value, with defaults for whatever is missing or unreadable. Never throws. */
export const readComplianceSettings = (raw: unknown): ComplianceSettings => {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const b = (r.builtins && typeof r.builtins === 'object' ? r.builtins : {}) as Record<string, unknown>;
  const builtins = { ...DEFAULT_COMPLIANCE.builtins };
  for (const k of BUILTIN_KINDS) if (isSetting(b[k])) builtins[k] = b[k];
  const patterns = Array.isArray(r.patterns)
    ? r.patterns.filter((p): p is CustomPattern => !!p && typeof p === 'object' && typeof p.pattern === 'string' && typeof p.id === 'string' && isAction(p.action) && compiles(p.pattern, p.flags))
    : [];
  const forbiddenPromises = Array.isArray(r.forbiddenPromises)
    ? r.forbiddenPromises.filter((p): p is ForbiddenPromise => !!p && typeof p === 'object' && typeof p.phrase === 'string' && p.phrase.trim() !== '' && isAction(p.action))
    : [];
  return { builtins, patterns, forbiddenPromises, businessHours: isSetting(r.businessHours) ? r.businessHours : DEFAULT_COMPLIANCE.businessHours };
};

const compiles = (source: string, flags: unknown): boolean => {
  try {
    new RegExp(source, `${typeof flags === 'string' ? flags : ''}g`);
    return true;
  } catch {
    return false;
  }
};

/**
 * A quantified group that itself contains a quantifier — `(a+)+`, `(\w+\s?)*`, `(x*){2,}` — can
 * take exponential time on a near-miss (ReDoS). JavaScript cannot interrupt a running regex, so
 * such patterns are refused when saved rather than timed when run.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
/** Alternatives that overlap under a quantifier, `(a|aa)+`, `(\w|\d)*`, are refused for the same reason. */
const QUANTIFIED_ALTERNATION = /\((?:\?:)?(?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
/** Back-references make matching NP-hard in general; a support team's pattern never needs one. */
const BACKREFERENCE = /\\[1-9]|\\k</;

/** Why a custom pattern is refused, or null when it may be saved. */
export const patternProblem = (source: string, flags = ''): string | null => {
  if (!source.trim()) return 'the pattern is empty';
  if (source.length > LIMITS.patternLength) return `at most ${LIMITS.patternLength} characters`;
  if (!ALLOWED_FLAGS.test(flags) || new Set(flags).size !== flags.length) return 'flags may be i, m, s and u, each once';
  let re: RegExp;
  try {
    re = new RegExp(source, `${flags}g`);
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  if (NESTED_QUANTIFIER.test(source)) return 'a repeated group contains a repetition, e.g. (a+)+: such a pattern can hang the check; simplify it';
  if (QUANTIFIED_ALTERNATION.test(source)) return 'a repeated group of alternatives, e.g. (a|b)+: use a character class such as [ab]+ instead';
  if (BACKREFERENCE.test(source)) return 'back-references are not supported';
  if (re.test('')) return 'the pattern matches empty text, so it would match every reply';
  return null;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Checks settings before they are saved; every problem names its field (`/body/patterns/2/pattern`).
 * Ids of new patterns are made by `newId`.
 */
export const validateComplianceSettings = (input: ComplianceInput, newId: () => string): ComplianceSettings => {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path: `/body${path}`, message });
  if (input.patterns.length > LIMITS.patterns) add('/patterns', `at most ${LIMITS.patterns} patterns`);
  if (input.forbiddenPromises.length > LIMITS.promises) add('/forbiddenPromises', `at most ${LIMITS.promises} phrases`);
  const names = new Set<string>();
  const patterns = input.patterns.map((p, i) => {
    const name = str(p.name).trim();
    if (!name) add(`/patterns/${i}/name`, 'give the pattern a name the agent will see');
    else if (name.length > LIMITS.name) add(`/patterns/${i}/name`, `at most ${LIMITS.name} characters`);
    else if (names.has(name.toLowerCase())) add(`/patterns/${i}/name`, 'another pattern has this name');
    names.add(name.toLowerCase());
    const problem = patternProblem(str(p.pattern), str(p.flags));
    if (problem) add(`/patterns/${i}/${problem.startsWith('flags') ? 'flags' : 'pattern'}`, problem);
    return { id: str(p.id) || newId(), name, pattern: str(p.pattern), ...(p.flags ? { flags: p.flags } : {}), action: p.action };
  });
  const phrases = new Set<string>();
  const forbiddenPromises = input.forbiddenPromises.map((p, i) => {
    const phrase = str(p.phrase).trim().replace(/\s+/g, ' ');
    if (!phrase) add(`/forbiddenPromises/${i}/phrase`, 'the phrase is empty');
    else if (phrase.length > LIMITS.phraseLength) add(`/forbiddenPromises/${i}/phrase`, `at most ${LIMITS.phraseLength} characters`);
    else if (phrases.has(phrase.toLowerCase())) add(`/forbiddenPromises/${i}/phrase`, 'listed twice');
    phrases.add(phrase.toLowerCase());
    return { phrase, action: p.action };
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', `Compliance settings are invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
  return { builtins: { ...DEFAULT_COMPLIANCE.builtins, ...input.builtins }, patterns, forbiddenPromises, businessHours: input.businessHours };
};

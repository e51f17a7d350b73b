import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { FieldProblem } from '../../platform/errors/index.ts';

/**
 * What an alert rule says, as saved in `alert_rules.definition`: which incidents it hears about
 * (`conditions`), who it tells (`recipients`, level 0), whom it escalates to when nobody
 * acknowledges (`escalation.levels`), when it keeps quiet (`quietHours`) and how it avoids storms
 * (`grouping`). Times of day are "HH:MM" in the workspace's time zone; a window whose `from` is
 * after its `to` runs over midnight (22:00–07:00).
 *
 * Slack and webhook URLs (a Slack incoming-webhook URL is itself a credential) and webhook signing
 * secrets are sealed with the SecretBox when saved and never returned: the API shows a hint of the
 * URL and whether a secret is set. A recipient keeps its `id` across edits, so an edit that leaves
 * `url`/`secret` out keeps the sealed ones.
 */

const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, 24-hour, workspace time zone' });
const Severity = Type.Integer({ minimum: 1, maximum: 10 });
const Terms = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 });

export const TimeWindow = Type.Object(
  {
    from: HHMM,
    to: HHMM,
    /** 0 = Sunday … 6 = Saturday; all days when absent. */
    days: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { minItems: 1, maxItems: 7 })),
  },
  { additionalProperties: false },
);
export type TimeWindow = Static<typeof TimeWindow>;

/** During the window, email/Slack/webhook alerts below `minSeverity` are held back (recorded as suppressed); the console still gets them. */
export const QuietHours = Type.Object({ from: HHMM, to: HHMM, minSeverity: Severity }, { additionalProperties: false });
export type QuietHours = Static<typeof QuietHours>;

const RecipientId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' });
const Url = Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000 });

const MemberRecipient = Type.Object(
  {
    id: Type.Optional(RecipientId),
    kind: Type.Literal('member'),
    memberId: Type.String({ format: 'uuid' }),
    /** Also by email to the member's address (default true); the console always records it. */
    email: Type.Optional(Type.Boolean()),
    quietHours: Type.Optional(QuietHours),
  },
  { additionalProperties: false },
);
const EmailRecipient = Type.Object(
  { id: Type.Optional(RecipientId), kind: Type.Literal('email'), address: Type.String({ pattern: '^[^\\s@<>]+@[^\\s@<>]+$', maxLength: 254 }), quietHours: Type.Optional(QuietHours) },
  { additionalProperties: false },
);
const SlackRecipient = Type.Object(
  { id: Type.Optional(RecipientId), kind: Type.Literal('slack'), url: Type.Optional(Url), quietHours: Type.Optional(QuietHours) },
  { additionalProperties: false },
);
const WebhookRecipient = Type.Object(
  {
    id: Type.Optional(RecipientId),
    kind: Type.Literal('webhook'),
    url: Type.Optional(Url),
    /** Signing secret, at least 16 characters; generated when a new webhook recipient has none. */
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
    quietHours: Type.Optional(QuietHours),
  },
  { additionalProperties: false },
);
export const RecipientInput = Type.Union([MemberRecipient, EmailRecipient, SlackRecipient, WebhookRecipient]);
export type RecipientInput = Static<typeof RecipientInput>;
/** Each recipient is checked against the schema of its own kind, so its errors name its own fields. */
export const RECIPIENT_SCHEMAS = { member: MemberRecipient, email: EmailRecipient, slack: SlackRecipient, webhook: WebhookRecipient } as const;
const Recipients = Type.Array(Type.Object({ kind: Type.Union([Type.Literal('member'), Type.Literal('email'), Type.Literal('slack'), Type.Literal('webhook')]) }), { maxItems: 50 });

export const RuleDefinitionInput = Type.Object(
  {
    conditions: Type.Optional(
      Type.Object(
        {
          minSeverity: Type.Optional(Severity),
          /** Incident types (outage, safety …); any type when empty. */
          types: Type.Optional(Terms),
          /** Products or topics: the rule hears an incident whose terms, title or topics contain one of them. */
          terms: Type.Optional(Terms),
          /** Drill incidents: heard too (default, so a drill shows who would have been alerted), only, or never. */
          drills: Type.Optional(Type.Union([Type.Literal('include'), Type.Literal('exclude'), Type.Literal('only')])),
          /** Only at these hours (business hours, nights …). */
          hours: Type.Optional(TimeWindow),
        },
        { additionalProperties: false },
      ),
    ),
    recipients: Recipients,
    escalation: Type.Optional(
      Type.Object(
        {
          /** Level n+1 fires `afterMinutes` after level n when nobody has acknowledged: level n is re-alerted and these recipients added. */
          levels: Type.Array(Type.Object({ afterMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }), recipients: Recipients }, { additionalProperties: false }), { maxItems: 10 }),
        },
        { additionalProperties: false },
      ),
    ),
    quietHours: Type.Optional(QuietHours),
    grouping: Type.Optional(
      Type.Object(
        {
          /** One alert per incident per recipient within this window; updates fold into it. */
          windowMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
          /** At most this many alerts per recipient per hour (email, Slack, webhook); more are suppressed. */
          maxPerHour: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
type Shape = Static<typeof RuleDefinitionInput>;
export type RuleDefinitionInput = Omit<Shape, 'recipients' | 'escalation'> & {
  recipients: RecipientInput[];
  escalation?: { levels: { afterMinutes: number; recipients: RecipientInput[] }[] };
};

/** A recipient as stored: URLs and secrets sealed, a hint of the URL to show. */
export interface StoredRecipient {
  id: string;
  kind: 'member' | 'email' | 'slack' | 'webhook';
  memberId?: string;
  email?: boolean;
  address?: string;
  urlSealed?: string;
  urlHint?: string;
  secretSealed?: string;
  quietHours?: QuietHours;
}

export interface RuleDefinition {
  conditions: { minSeverity: number; types: string[]; terms: string[]; drills: 'include' | 'exclude' | 'only'; hours?: TimeWindow };
  recipients: StoredRecipient[];
  escalation: { levels: { afterMinutes: number; recipients: StoredRecipient[] }[] };
  quietHours?: QuietHours;
  grouping: { windowMinutes?: number; maxPerHour?: number };
}

/** A recipient as the API shows it: no URL, no secret. */
export type RecipientView = Omit<StoredRecipient, 'urlSealed' | 'secretSealed'> & { hasSecret?: boolean };

const MAX_ERRORS = 50;

/** Every problem of an input with the field it is about (`/definition/recipients/0/url`), unions said once. */
export const schemaProblems = (schema: TSchema, value: unknown, prefix: string): FieldProblem[] => {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, value)) {
    const params = e.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    // A union fails once per branch; the kind literal says which branch was meant.
    if (e.keyword === 'const' || e.keyword === 'boolean') continue;
    const items =
      e.keyword === 'required' && params.requiredProperties
        ? params.requiredProperties.map((p) => ({ path: `${e.instancePath}/${p}`, message: 'is required' }))
        : e.keyword === 'additionalProperties' && params.additionalProperties
          ? params.additionalProperties.map((p) => ({ path: `${e.instancePath}/${p}`, message: 'is not a known field' }))
          : e.keyword === 'anyOf'
            ? [{ path: e.instancePath, message: e.instancePath.endsWith('/kind') ? 'must be member, email, slack or webhook' : 'is not one of the allowed values' }]
            : [{ path: e.instancePath, message: e.message }];
    for (const p of items) {
      const key = `${p.path}\u0000${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ path: `${prefix}${p.path}`, message: p.message });
      if (out.length >= MAX_ERRORS) return out;
    }
  }
  return out;
};

/** Every recipient in the rule, level 0 first, with its escalation level. */
export const recipientsByLevel = (d: RuleDefinition): { level: number; recipients: StoredRecipient[] }[] => [
  { level: 0, recipients: d.recipients },
  ...d.escalation.levels.map((l, i) => ({ level: i + 1, recipients: l.recipients })),
];

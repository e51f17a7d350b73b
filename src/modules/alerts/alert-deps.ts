import type { Database } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { SecretBox } from '../../platform/crypto/index.ts';

/** What alerting needs from the process; the mail settings come from the install's config (SMTP_URL, LOOKOUT_MAIL_FROM). */
export interface AlertDeps {
  db: Database;
  bus: EventBus;
  clock: Clock;
  box: SecretBox;
  mail: AlertMailSettings;
}

export interface AlertMailSettings {
  /** smtp://user:pass@host:587; null: email alerts fail with a clear reason. */
  smtpUrl: string | null;
  from: string;
  /** Where people reach Lookout, for the links in alerts. */
  publicUrl: string;
  /** Keys the signed acknowledgement links. */
  linkKey: string;
}

/** Workspace-wide defaults (`workspaces.settings.alerting`), each overridable per rule. */
export interface AlertingSettings {
  groupingMinutes: number;
  maxPerHour: number;
  quietHours?: { from: string; to: string; minSeverity: number };
}

export const DEFAULT_GROUPING_MINUTES = 30;
export const DEFAULT_MAX_PER_HOUR = 10;

export const alertingSettingsOf = (settings: Record<string, unknown>): AlertingSettings => {
  const a = (settings.alerting ?? {}) as Record<string, unknown>;
  const num = (v: unknown, def: number, min: number, max: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : def);
  const q = a.quietHours as AlertingSettings['quietHours'] | undefined;
  const hhmm = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
  return {
    groupingMinutes: num(a.groupingMinutes, DEFAULT_GROUPING_MINUTES, 0, 1440),
    maxPerHour: num(a.maxPerHour, DEFAULT_MAX_PER_HOUR, 1, 1000),
    ...(q && hhmm.test(String(q.from)) && hhmm.test(String(q.to)) && typeof q.minSeverity === 'number' ? { quietHours: q } : {}),
  };
};

/** The alert deps of a process, from its context (routes and the dispatcher build them the same way). */
export const alertDepsFrom = (ctx: {
  db: Database;
  bus: EventBus;
  clock: Clock;
  box: SecretBox;
  config: { smtpUrl: { reveal(): string } | null; alertFromAddress: string; publicUrl: string; secretKey: { reveal(): string } };
}): AlertDeps => ({
  db: ctx.db,
  bus: ctx.bus,
  clock: ctx.clock,
  box: ctx.box,
  mail: { smtpUrl: ctx.config.smtpUrl?.reveal() ?? null, from: ctx.config.alertFromAddress, publicUrl: ctx.config.publicUrl, linkKey: `alert-links:${ctx.config.secretKey.reveal()}` },
});

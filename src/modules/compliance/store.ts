import { randomUUID } from 'node:crypto';
import { and, asc, eq, schema, sql, type Database, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { nextBusinessOpening, resolveChannelPolicy, type BusinessCalendar, type ChannelRule } from '../routing/index.ts';
import { readComplianceSettings, validateComplianceSettings, type ComplianceInput, type ComplianceSettings } from './settings.ts';

/** The guard's settings as the console edits them: the compliance block and the approval requirement beside it. */
export interface ComplianceConfig extends ComplianceSettings {
  requireApprovalForPublicReply: boolean;
  /** The public half of "move to private" (`settings.movePrivateTemplate`); null: Lookout's default. */
  movePrivateTemplate: string | null;
}

const TEMPLATE_VARIABLES = new Set(['private.invitation', 'customer.name', 'customer.handle', 'agent.name', 'agent.persona']);

const templateProblem = (t: string): string | null => {
  if (t.length > 500) return 'at most 500 characters';
  const unknown = [...t.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!).filter((v) => !TEMPLATE_VARIABLES.has(v));
  if (unknown.length) return `unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')}; use {{private.invitation}}, {{customer.name}}, {{agent.persona}} …`;
  if (!/\{\{\s*private\.invitation\s*\}\}/.test(t)) return 'include {{private.invitation}}: it tells the customer where to look';
  return null;
};

export const loadComplianceConfig = async (tx: Tx, workspaceId: string): Promise<ComplianceConfig> => {
  const [ws] = await tx.select({ settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  const s = ws?.settings ?? {};
  return {
    ...readComplianceSettings(s.compliance),
    requireApprovalForPublicReply: s.requireApprovalForPublicReply === true,
    movePrivateTemplate: typeof s.movePrivateTemplate === 'string' && s.movePrivateTemplate.trim() ? s.movePrivateTemplate : null,
  };
};

/**
 * Validates and saves; only the two keys change, so other settings (signReplies, alerting …) that
 * other screens save are left as they are. Returns what was stored.
 */
export const saveComplianceConfig = async (
  db: Database,
  workspaceId: string,
  input: ComplianceInput & { requireApprovalForPublicReply: boolean; movePrivateTemplate?: string | null | undefined },
): Promise<ComplianceConfig> => {
  const { requireApprovalForPublicReply, movePrivateTemplate: rawTemplate, ...rest } = input;
  const movePrivateTemplate = rawTemplate?.trim() || null;
  const problem = movePrivateTemplate ? templateProblem(movePrivateTemplate) : null;
  if (problem) throw new AppError('VALIDATION_FAILED', `Move-to-private template: ${problem}`, [{ path: '/body/movePrivateTemplate', message: problem }]);
  const compliance = validateComplianceSettings(rest, randomUUID);
  const patch = JSON.stringify({ compliance, requireApprovalForPublicReply, movePrivateTemplate });
  await db.system((tx) =>
    tx
      .update(schema.workspaces)
      .set({ settings: sql`${schema.workspaces.settings} || ${patch}::jsonb`, updatedAt: new Date() })
      .where(eq(schema.workspaces.id, workspaceId)),
  );
  return { ...compliance, requireApprovalForPublicReply, movePrivateTemplate };
};

export interface ChannelHours {
  open: boolean;
  nextOpening: Date | null;
  timeZone: string | null;
  calendarId: string | null;
}

/**
 * Whether the channel's business calendar is open at `now`. A channel gets its calendar from the
 * channel rules (routing's "calendar" setting, the same one its SLA clocks use); without one it is
 * always open.
 */
export const channelBusinessHours = async (tx: Tx, workspaceId: string, channel: { id: string; kind: string }, now: Date): Promise<ChannelHours> => {
  const rows = await tx
    .select()
    .from(schema.rules)
    .where(and(eq(schema.rules.workspaceId, workspaceId), eq(schema.rules.layer, 'channel'), eq(schema.rules.isActive, true)))
    .orderBy(asc(schema.rules.position));
  const rules = rows.map((r) => ({ ...(r.definition as unknown as ChannelRule), id: r.id, name: r.name }));
  const calendars = rules.some((r) => r.calendarId)
    ? new Map((await tx.select().from(schema.businessCalendars).where(eq(schema.businessCalendars.workspaceId, workspaceId))).map((c) => [c.id, c.definition as unknown as BusinessCalendar]))
    : new Map<string, BusinessCalendar>();
  const policy = resolveChannelPolicy(rules, { channelId: channel.id, channelKind: channel.kind, visibility: 'public', receivedAt: now }, calendars);
  const open = policy.isBusinessHours !== false;
  return {
    open,
    nextOpening: !open && policy.calendar ? nextBusinessOpening(policy.calendar, now) : null,
    timeZone: policy.calendar?.timeZone ?? null,
    calendarId: policy.calendarId,
  };
};

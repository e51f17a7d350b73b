import { and, eq, schema, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { blocking, checkReply, warnings, type Finding } from './check.ts';
import { channelBusinessHours, loadComplianceConfig } from './store.ts';

export interface GuardInput {
  text: string;
  visibility: 'public' | 'private';
  /** The channel the reply leaves through (its calendar decides the business hours). */
  channel: { id: string; kind: string } | null;
  now: Date;
}

/** Runs the workspace's guard on a reply; reads settings, channel rules and calendars. */
export const checkComplianceFor = async (tx: Tx, workspaceId: string, input: GuardInput): Promise<Finding[]> => {
  const config = await loadComplianceConfig(tx, workspaceId);
  const hours = input.channel && config.businessHours !== 'off' && input.visibility === 'public' ? await channelBusinessHours(tx, workspaceId, input.channel, input.now) : null;
  return checkReply({ text: input.text, visibility: input.visibility, settings: config, businessHours: hours });
};

/** A channel by id, for a check that names one. */
export const channelForCheck = async (tx: Tx, workspaceId: string, channelId: string): Promise<{ id: string; kind: string } | null> => {
  const [c] = await tx.select({ id: schema.channels.id, kind: schema.channels.kind }).from(schema.channels).where(and(eq(schema.channels.workspaceId, workspaceId), eq(schema.channels.id, channelId)));
  return c ?? null;
};

const asProblems = (fs: Finding[]) => fs.map((f) => ({ path: '/body/text', message: `${f.kind}: ${f.message}` }));

/**
 * Refuses a reply the guard blocks, and one with warnings nobody acknowledged. The problem lists
 * each finding (kind and message) so an API client learns what to change without calling /check.
 */
export const enforceCompliance = (findings: Finding[], acknowledgeWarnings: boolean): void => {
  const blocks = blocking(findings);
  if (blocks.length) {
    throw new AppError('COMPLIANCE_BLOCKED', `The compliance guard blocks this reply: ${blocks.map((f) => f.message).join('; ')}`, asProblems(blocks));
  }
  const warns = warnings(findings);
  if (warns.length && !acknowledgeWarnings) {
    throw new AppError('COMPLIANCE_WARNING', `The compliance guard warns about this reply; send it again with acknowledgeWarnings: true if it is right: ${warns.map((f) => f.message).join('; ')}`, asProblems(warns));
  }
};

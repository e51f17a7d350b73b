import { blocking, warnings, type Finding } from '../compliance/index.ts';
import { previewThreadParts } from '../channels/index.ts';
import type { Actor } from '../access/index.ts';
import { prepareReply, type ReplyInput } from './replies.ts';
import type { ConnectorLookup } from './reply-channel.ts';
import type { LengthCheck } from './reply-text.ts';
import type { Work } from './work.ts';

export interface ReplyPreview {
  /** Exactly what would be sent: variables filled, signed with the persona when the workspace signs. */
  body: string;
  /** Variables without a value: sending would be refused until they get one. */
  missing: string[];
  length: LengthCheck | null;
  /** The posts of the thread a channel that threads would make of it (one part when it fits). */
  parts: string[];
  findings: Finding[];
  blocked: boolean;
  needsAcknowledgement: boolean;
}

/**
 * What a draft would become, computed by the same steps as the reply itself (prepareReply), so the
 * composer shows the agent the real signature, counter, thread and guard findings. Stores nothing.
 */
export const previewReply = async (work: Work, actor: Actor, conversationId: string, input: Omit<ReplyInput, 'idempotencyKey'>, connectorFor: ConnectorLookup): Promise<ReplyPreview> => {
  const p = await prepareReply(work, actor, conversationId, input, connectorFor);
  const max = p.length?.maxLength ?? null;
  const parts = p.body && max !== null && p.length?.willThread ? previewThreadParts(p.channel.kind, p.body, max) : p.body ? [p.body] : [];
  return { body: p.body, missing: p.missing, length: p.length, parts, findings: p.findings, blocked: blocking(p.findings).length > 0, needsAcknowledgement: warnings(p.findings).length > 0 };
};

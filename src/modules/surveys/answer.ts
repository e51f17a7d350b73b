import { eq, schema, sql } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { sha256Hex } from '../../platform/crypto/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { inWorkspace, type WorkDeps } from '../conversations/index.ts';
import type { SurveyKind } from './settings.ts';

export const COMMENT_MAX = 2000;
export const SCORE_RANGE: Record<SurveyKind, [number, number]> = { csat: [1, 5], nps: [0, 10] };

/** The link outlived its expiry: HTTP 410. */
export class SurveyExpiredError extends Error {
  constructor() {
    super('This survey link has expired');
    this.name = 'SurveyExpiredError';
  }
}

export interface PublicSurvey {
  id: string;
  workspaceId: string;
  kind: SurveyKind;
  state: 'sent' | 'answered' | 'expired';
  expiresAt: Date | null;
}

/**
 * The survey a link's token opens. Only the token's sha256 is stored, so the lookup is by hash;
 * it crosses workspaces by nature (the link carries no workspace), like a session lookup.
 */
export const findSurveyByToken = async (deps: WorkDeps, token: string, now: Date): Promise<PublicSurvey | null> => {
  const rows = (await deps.db.system((tx) =>
    tx.execute(sql`select id, workspace_id, kind, state, expires_at from surveys where token_hash = ${sha256Hex(token)}`),
  )) as unknown as { rows: { id: string; workspace_id: string; kind: SurveyKind; state: PublicSurvey['state']; expires_at: Date | string | null }[] };
  const r = rows.rows[0];
  if (!r) return null;
  const expiresAt = r.expires_at ? new Date(r.expires_at) : null;
  const expired = r.state === 'sent' && expiresAt !== null && expiresAt <= now;
  return { id: r.id, workspaceId: r.workspace_id, kind: r.kind, state: expired ? 'expired' : r.state, expiresAt };
};

export const validateAnswer = (kind: SurveyKind, score: number, comment: string | undefined): void => {
  const [min, max] = SCORE_RANGE[kind];
  const problems = [];
  if (!Number.isInteger(score) || score < min || score > max) problems.push({ path: '/body/score', message: `${kind.toUpperCase()} scores are whole numbers from ${min} to ${max}` });
  if (comment !== undefined && comment.length > COMMENT_MAX) problems.push({ path: '/body/comment', message: `at most ${COMMENT_MAX} characters` });
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), problems);
};

/**
 * The customer's answer, stored on the survey (linked to the customer and the conversation):
 * unknown token 404, bad score or comment 400, answered already 409, expired 410.
 */
export const answerSurvey = async (deps: WorkDeps & { clock: Clock }, token: string, answer: { score: number; comment?: string }): Promise<PublicSurvey> => {
  const now = deps.clock.now();
  const found = await findSurveyByToken(deps, token, now);
  if (!found) throw new AppError('NOT_FOUND', 'This survey link is not valid');
  validateAnswer(found.kind, answer.score, answer.comment);
  return inWorkspace(deps, found.workspaceId, now, async (work) => {
    const [s] = await work.tx.select().from(schema.surveys).where(eq(schema.surveys.id, found.id)).for('update');
    if (!s) throw new AppError('NOT_FOUND', 'This survey link is not valid');
    if (s.state === 'answered') throw new AppError('CONFLICT', 'This survey was already answered: thank you');
    if (s.state === 'expired' || (s.expiresAt && s.expiresAt <= now)) throw new SurveyExpiredError();
    const comment = answer.comment?.trim() ? answer.comment.trim() : null;
    await work.tx.update(schema.surveys).set({ state: 'answered', score: answer.score, comment, answeredAt: now }).where(eq(schema.surveys.id, s.id));
    if (s.conversationId) {
      await work.tx.insert(schema.conversationEvents).values({
        workspaceId: work.workspaceId, conversationId: s.conversationId, type: 'survey_answered', actorType: 'system', actorId: null,
        data: { surveyId: s.id, kind: s.kind, score: answer.score, comment }, createdAt: now,
      });
    }
    work.emit({ type: 'survey.answered', subjectId: s.id, data: { surveyId: s.id, kind: s.kind, score: answer.score, customerId: s.customerId, conversationId: s.conversationId, isDrill: s.isDrill } });
    return { ...found, state: 'answered' as const };
  });
};

import { and, desc, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import type { SurveyKind } from './settings.ts';

export interface SurveyView {
  id: string;
  kind: SurveyKind;
  trigger: string;
  state: 'sent' | 'answered' | 'expired';
  score: number | null;
  comment: string | null;
  customerId: string | null;
  conversationId: string | null;
  isDrill: boolean;
  sentAt: Date;
  answeredAt: Date | null;
  expiresAt: Date | null;
}

const toView = (s: typeof schema.surveys.$inferSelect, now: Date): SurveyView => ({
  id: s.id,
  kind: s.kind,
  trigger: s.trigger,
  state: s.state === 'sent' && s.expiresAt && s.expiresAt <= now ? 'expired' : s.state,
  score: s.score,
  comment: s.comment,
  customerId: s.customerId,
  conversationId: s.conversationId,
  isDrill: s.isDrill,
  sentAt: s.sentAt,
  answeredAt: s.answeredAt,
  expiresAt: s.expiresAt,
});

/** A customer's check-ins, newest first (a merged customer's move with its conversations only). */
export const listCustomerSurveys = async (tx: Tx, workspaceId: string, customerId: string, now: Date): Promise<SurveyView[]> => {
  const [c] = await tx.select({ id: schema.customers.id }).from(schema.customers).where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, customerId)));
  if (!c) throw notFound('Customer');
  const rows = await tx
    .select()
    .from(schema.surveys)
    .where(and(eq(schema.surveys.workspaceId, workspaceId), sql`(${schema.surveys.customerId} = ${customerId} or ${schema.surveys.conversationId} in (select id from conversations where customer_id = ${customerId}))`))
    .orderBy(desc(schema.surveys.sentAt))
    .limit(200);
  return rows.map((r) => toView(r, now));
};

export const listConversationSurveys = async (tx: Tx, workspaceId: string, conversationId: string, now: Date): Promise<SurveyView[]> => {
  const [c] = await tx.select({ id: schema.conversations.id }).from(schema.conversations).where(and(eq(schema.conversations.workspaceId, workspaceId), eq(schema.conversations.id, conversationId)));
  if (!c) throw notFound('Conversation');
  const rows = await tx.select().from(schema.surveys).where(and(eq(schema.surveys.workspaceId, workspaceId), eq(schema.surveys.conversationId, conversationId))).orderBy(desc(schema.surveys.sentAt));
  return rows.map((r) => toView(r, now));
};

export interface ScoreSummary {
  sent: number;
  answered: number;
  average: number | null;
  score: number | null;
  distribution: number[];
}

/**
 * CSAT and NPS over the last `days` (drills left out). CSAT's score is the share of 4s and 5s
 * (percent); NPS is promoters (9–10) minus detractors (0–6), in points from −100 to 100.
 */
export const surveySummary = async (tx: Tx, workspaceId: string, now: Date, days = 30): Promise<{ since: Date; csat: ScoreSummary; nps: ScoreSummary }> => {
  const since = new Date(now.getTime() - days * 86_400_000);
  const res = (await tx.execute(
    sql`select kind, score, count(*)::int as n, count(*) filter (where state = 'answered')::int as answered
        from surveys where workspace_id = ${workspaceId} and not is_drill and sent_at >= ${since.toISOString()}::timestamptz
        group by kind, score`,
  )) as unknown as { rows: { kind: SurveyKind; score: number | null; n: number; answered: number }[] };
  const summarize = (kind: SurveyKind): ScoreSummary => {
    const size = kind === 'csat' ? 6 : 11;
    const distribution = Array.from({ length: size }, () => 0);
    let sent = 0;
    let answered = 0;
    let total = 0;
    for (const r of res.rows.filter((x) => x.kind === kind)) {
      sent += r.n;
      if (r.score === null) continue;
      answered += r.answered;
      total += r.score * r.answered;
      distribution[r.score] = (distribution[r.score] ?? 0) + r.answered;
    }
    const share = (from: number, to: number) => distribution.slice(from, to + 1).reduce((a, b) => a + b, 0) / answered;
    const score = !answered ? null : kind === 'csat' ? Math.round(share(4, 5) * 1000) / 10 : Math.round((share(9, 10) - share(0, 6)) * 1000) / 10;
    return { sent, answered, average: answered ? Math.round((total / answered) * 100) / 100 : null, score, distribution: kind === 'csat' ? distribution.slice(1) : distribution };
  };
  return { since, csat: summarize('csat'), nps: summarize('nps') };
};

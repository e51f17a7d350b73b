import { sql, type Database } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/logger/index.ts';
import { inWorkspace, type WorkDeps } from '../conversations/index.ts';
import { sendSurvey, type SurveyDelivery } from './send-survey.ts';
import { surveySettingsOf, type SurveySettings } from './settings.ts';

/** A resolution older than this (after the delay) is not surveyed any more: turning surveys on does not mail last year's customers. */
const RESOLUTION_LOOKBACK_MS = 3 * 86_400_000;
const BATCH = 100;

type Rows<T> = { rows: T[] };

const workspacesSurveying = async (db: Database): Promise<{ id: string; settings: SurveySettings }[]> => {
  const res = (await db.system((tx) => tx.execute(sql`select id, settings->'surveys' as surveys from workspaces where settings ? 'surveys'`))) as unknown as Rows<{ id: string; surveys: unknown }>;
  return res.rows.map((r) => ({ id: r.id, settings: surveySettingsOf(typeof r.surveys === 'string' ? JSON.parse(r.surveys) : r.surveys) }));
};

/**
 * One pass of the check-in scheduler over every workspace that turned surveys on:
 * - after a resolution: each conversation resolved at least `delayMinutes` ago (and not long
 *   before that) gets one survey, once — never drills, never opted-out customers;
 * - on a schedule: every `everyDays`, customers with a conversation resolved in that period (and
 *   in the segment) get one, never more than once per period whatever triggered their last one.
 * Both read what is due from the tables, so a restart or a second process neither skips nor
 * repeats (rows are locked while their survey is written).
 */
export const runSurveySchedule = async (deps: WorkDeps & { log?: Logger }, delivery: SurveyDelivery, now: Date): Promise<number> => {
  let sent = 0;
  for (const ws of await workspacesSurveying(deps.db)) {
    if (ws.settings.afterResolution !== 'off') sent += await afterResolution(deps, delivery, ws.id, ws.settings, now);
    if (ws.settings.schedule && ws.settings.schedule.kind !== 'off') sent += await onSchedule(deps, delivery, ws.id, ws.settings, now);
  }
  return sent;
};

const afterResolution = (deps: WorkDeps & { log?: Logger }, delivery: SurveyDelivery, workspaceId: string, s: SurveySettings, now: Date): Promise<number> =>
  inWorkspace(deps, workspaceId, now, async (work) => {
    const dueBefore = new Date(now.getTime() - s.delayMinutes * 60_000);
    const notBefore = new Date(dueBefore.getTime() - RESOLUTION_LOOKBACK_MS);
    const due = (await work.tx.execute(
      sql`select c.id from conversations c join customers cu on cu.id = c.customer_id
          where c.workspace_id = ${workspaceId} and c.status in ('resolved', 'closed') and not c.is_drill and not cu.opted_out
            and c.resolved_at <= ${dueBefore.toISOString()}::timestamptz and c.resolved_at > ${notBefore.toISOString()}::timestamptz
            and not exists (select 1 from surveys sv where sv.conversation_id = c.id and sv.trigger = 'resolution')
          order by c.resolved_at limit ${BATCH} for update of c skip locked`,
    )) as unknown as Rows<{ id: string }>;
    return sendEach(work, deps, delivery, due.rows.map((r) => r.id), s.afterResolution as 'csat' | 'nps', 'resolution');
  });

const onSchedule = (deps: WorkDeps & { log?: Logger }, delivery: SurveyDelivery, workspaceId: string, s: SurveySettings, now: Date): Promise<number> =>
  inWorkspace(deps, workspaceId, now, async (work) => {
    const schedule = s.schedule!;
    const since = new Date(now.getTime() - schedule.everyDays * 86_400_000).toISOString();
    const seg = schedule.segment ?? {};
    const tiers = seg.tiers?.length ? sql`and cu.tier in (${sql.join(seg.tiers.map((t) => sql`${t}`), sql`, `)})` : sql``;
    const vip = seg.vip !== undefined ? sql`and cu.is_vip = ${seg.vip}` : sql``;
    const due = (await work.tx.execute(
      sql`select distinct on (c.customer_id) c.id from conversations c join customers cu on cu.id = c.customer_id
          where c.workspace_id = ${workspaceId} and c.status in ('resolved', 'closed') and not c.is_drill and not cu.opted_out and cu.merged_into_id is null
            and c.resolved_at > ${since}::timestamptz and c.resolved_at <= ${now.toISOString()}::timestamptz ${tiers} ${vip}
            and not exists (select 1 from surveys sv where sv.customer_id = c.customer_id and sv.sent_at > ${since}::timestamptz and not sv.is_drill)
          order by c.customer_id, c.resolved_at desc limit ${BATCH}`,
    )) as unknown as Rows<{ id: string }>;
    return sendEach(work, deps, delivery, due.rows.map((r) => r.id), schedule.kind as 'csat' | 'nps', 'schedule');
  });

/** One failure (a channel that cannot send, no email) skips that conversation, not the others: savepoints. */
const sendEach = async (
  work: Parameters<Parameters<typeof inWorkspace>[3]>[0],
  deps: { log?: Logger },
  delivery: SurveyDelivery,
  conversationIds: string[],
  kind: 'csat' | 'nps',
  trigger: 'resolution' | 'schedule',
): Promise<number> => {
  let n = 0;
  for (const conversationId of conversationIds) {
    try {
      await work.tx.transaction(async (tx) => {
        await sendSurvey({ ...work, tx }, { system: true, workspaceId: work.workspaceId }, { conversationId, kind, trigger }, delivery);
      });
      n++;
    } catch (err) {
      deps.log?.warn({ conversationId, err: (err as Error).message }, 'survey not sent');
    }
  }
  return n;
};

import { sql, type Tx } from '../../platform/db/index.ts';
import type { WallBucket, WallView } from '../../contracts/wall.ts';

/**
 * The mission-control wall in one read: volume and sentiment (per minute for the last hour, per
 * hour for the day), open incidents by severity, SLA at risk, the most influential people talking
 * in the last hour, queue sizes per team and the running drill. Volume counts when people wrote
 * (an imported backlog does not spike "now"). Every query is bounded by an index (mentions by
 * workspace and received time, which is never before the time written; conversations by workspace
 * and status; incidents by workspace and status) so it stays fast on a big workspace and can be
 * polled by every screen.
 * Drill items are included and flagged: a drill is meant to look like the real thing, marked DRILL.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A deadline within this much time is at risk (the inbox's SLA-at-risk filter uses the same). */
const SLA_AT_RISK_MS = 30 * MINUTE;

type Row = Record<string, unknown>;
const rows = async <T = Row>(tx: Tx, q: ReturnType<typeof sql>): Promise<T[]> => ((await tx.execute(q)) as unknown as { rows: T[] }).rows;
const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
const int = (v: unknown): number => Number(v ?? 0);

const buckets = async (tx: Tx, workspaceId: string, unit: 'minute' | 'hour', from: Date, to: Date, step: number): Promise<WallBucket[]> => {
  const found = await rows(
    tx,
    sql`select date_trunc(${unit}, authored_at) as at, count(*)::int as total,
          count(*) filter (where sentiment = 'negative')::int as negative,
          count(*) filter (where sentiment = 'positive')::int as positive,
          count(*) filter (where is_drill)::int as drill
        from mentions
        where workspace_id = ${workspaceId} and received_at > ${from.toISOString()}::timestamptz
          and authored_at > ${from.toISOString()}::timestamptz and authored_at <= ${to.toISOString()}::timestamptz and not is_own
        group by 1`,
  );
  const by = new Map(found.map((r) => [new Date(iso(r.at)).getTime(), r]));
  const out: WallBucket[] = [];
  const first = Math.floor(from.getTime() / step) * step + step;
  for (let t = first; t <= to.getTime(); t += step) {
    const r = by.get(t);
    out.push({ at: new Date(t).toISOString(), total: int(r?.total), negative: int(r?.negative), positive: int(r?.positive), drill: int(r?.drill) });
  }
  return out;
};

export const loadWall = async (tx: Tx, workspaceId: string, now: Date): Promise<WallView> => {
  const perMinute = await buckets(tx, workspaceId, 'minute', new Date(now.getTime() - HOUR), now, MINUTE);
  const perHour = await buckets(tx, workspaceId, 'hour', new Date(now.getTime() - 24 * HOUR), now, HOUR);
  const total = perMinute.reduce((s, b) => s + b.total, 0);
  const negative = perMinute.reduce((s, b) => s + b.negative, 0);

  const incidents = await rows(
    tx,
    sql`select id, title, severity, status, is_drill, detected_at, mention_count, reach from incidents
        where workspace_id = ${workspaceId} and status in ('detected', 'acknowledged', 'mitigating')
        order by severity desc, detected_at desc limit 12`,
  );

  const soon = new Date(now.getTime() + SLA_AT_RISK_MS).toISOString();
  const at = now.toISOString();
  // The next running deadline of each open conversation whose SLA clock runs (not waiting on the customer).
  const due = sql`least(
      case when c.first_response_at is null then c.first_response_due_at end,
      case when c.relieved_at is null then c.relief_due_at end,
      case when c.resolved_at is null then c.resolution_due_at end)`;
  const [slaCounts] = await rows(
    tx,
    sql`select count(*) filter (where d.due <= ${soon}::timestamptz)::int as at_risk, count(*) filter (where d.due <= ${at}::timestamptz)::int as breached
        from (select ${due} as due from conversations c
              where c.workspace_id = ${workspaceId} and c.status in ('new', 'open') and c.sla_paused_at is null) d`,
  );
  const slaTop = await rows(
    tx,
    sql`select c.id, coalesce(c.subject, (select left(m.text, 140) from mentions m where m.conversation_id = c.id order by m.authored_at desc limit 1)) as subject,
          ${due} as due, c.priority, c.is_drill from conversations c
        where c.workspace_id = ${workspaceId} and c.status in ('new', 'open') and c.sla_paused_at is null and ${due} <= ${soon}::timestamptz
        order by 3 limit 5`,
  );

  const hourAgo = new Date(now.getTime() - HOUR).toISOString();
  const influencers = await rows(
    tx,
    sql`select * from (
          select distinct on (m.identity_id) i.handle, i.display_name, m.author_followers, i.verified, ch.kind, m.text, m.sentiment, m.authored_at, m.is_drill, m.conversation_id
          from mentions m join identities i on i.id = m.identity_id join channels ch on ch.id = m.channel_id
          where m.workspace_id = ${workspaceId} and m.received_at > ${hourAgo}::timestamptz
            and m.authored_at > ${hourAgo}::timestamptz and m.authored_at <= ${at}::timestamptz and not m.is_own
          order by m.identity_id, m.author_followers desc, m.authored_at desc) x
        order by author_followers desc, authored_at desc limit 8`,
  );

  const queues = await rows(
    tx,
    sql`select c.team_id, coalesce(t.name, 'No team') as team, count(*)::int as open, count(*) filter (where c.assignee_id is null)::int as unassigned
        from conversations c left join teams t on t.id = c.team_id
        where c.workspace_id = ${workspaceId} and c.status in ('new', 'open')
        group by 1, 2 order by 3 desc`,
  );

  const [drill] = await rows(
    tx,
    sql`select id, scenario_name, started_at from drill_runs where workspace_id = ${workspaceId} and status = 'running' order by started_at desc limit 1`,
  );

  return {
    generatedAt: now.toISOString(),
    perMinute,
    perHour,
    lastHour: { total, negativeShare: total ? Math.round((1000 * negative) / total) / 1000 : 0, drill: perMinute.reduce((s, b) => s + b.drill, 0) },
    incidents: incidents.map((r) => ({
      id: String(r.id), title: String(r.title), severity: int(r.severity), status: String(r.status), isDrill: Boolean(r.is_drill),
      detectedAt: iso(r.detected_at), mentionCount: int(r.mention_count), reach: int(r.reach),
    })),
    sla: {
      atRisk: int(slaCounts?.at_risk),
      breached: int(slaCounts?.breached),
      top: slaTop.map((r) => ({ conversationId: String(r.id), subject: r.subject === null ? null : String(r.subject), dueAt: iso(r.due), priority: int(r.priority), isDrill: Boolean(r.is_drill) })),
    },
    influencers: influencers.map((r) => ({
      handle: String(r.handle), displayName: r.display_name === null ? null : String(r.display_name), followers: int(r.author_followers), verified: Boolean(r.verified),
      channelKind: String(r.kind), text: String(r.text).slice(0, 280), sentiment: r.sentiment === null ? null : String(r.sentiment), at: iso(r.authored_at),
      isDrill: Boolean(r.is_drill), conversationId: r.conversation_id === null ? null : String(r.conversation_id),
    })),
    queues: queues.map((r) => ({ teamId: r.team_id === null ? null : String(r.team_id), team: String(r.team), open: int(r.open), unassigned: int(r.unassigned) })),
    drill: drill ? { id: String(drill.id), scenarioName: String(drill.scenario_name), startedAt: iso(drill.started_at) } : null,
  };
};

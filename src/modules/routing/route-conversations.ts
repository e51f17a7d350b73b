import { and, asc, eq, inArray, schema, sql, type Tx } from '../../platform/db/index.ts';
import type { DomainEvent } from '../../platform/events/index.ts';
import { chooseAgent, type AgentCandidate } from './assignment/index.ts';
import { compileRules, routeMention, type ChannelRule, type DataRule, type MentionFacts } from './rules/index.ts';
import { selectSlaPolicy, startSlaClocks, type BusinessCalendar, type SlaPolicy } from './sla/index.ts';

/**
 * The pipeline's route stage, on the database: for each conversation a batch created or added to,
 * run the workspace's channel and data rules, assign a team and an agent (only when nobody owns it
 * yet), apply priority and tags, start the SLA clocks of a new conversation against its policy and
 * business hours, and record which rules fired and why on the conversation and its timeline.
 */
export interface RoutableInput {
  conversationId: string;
  isNew: boolean;
  channelId: string;
  channelKind: string;
  customerId: string | null;
  text: string;
  visibility: 'public' | 'private';
  followers: number | null;
  verified: boolean | null;
  receivedAt: Date;
  isDrill: boolean;
  matchedQueryIds: string[];
  language: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  sentimentScore: number | null;
  intent: string | null;
  priority: number;
  triage: Record<string, unknown>;
}

interface WorkspaceRouting {
  dataRules: ReturnType<typeof compileRules>;
  channelRules: ChannelRule[];
  calendars: Map<string, BusinessCalendar>;
  policies: SlaPolicy[];
  timeZone: string;
}

const loadRouting = async (tx: Tx, workspaceId: string): Promise<WorkspaceRouting> => {
  // One after the other: a transaction is one connection, and pg does not run queries side by side on it.
  const rules = await tx.select().from(schema.rules).where(and(eq(schema.rules.workspaceId, workspaceId), eq(schema.rules.isActive, true))).orderBy(asc(schema.rules.position));
  const calendars = await tx.select().from(schema.businessCalendars).where(eq(schema.businessCalendars.workspaceId, workspaceId));
  const policies = await tx.select().from(schema.slaPolicies).where(eq(schema.slaPolicies.workspaceId, workspaceId)).orderBy(asc(schema.slaPolicies.position));
  const ws = await tx.select({ timeZone: schema.workspaces.timeZone }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  return {
    // Rules were validated when saved; ids are the rows'.
    dataRules: compileRules(rules.filter((r) => r.layer === 'data').map((r) => ({ ...(r.definition as unknown as DataRule), id: r.id, name: r.name }))),
    channelRules: rules.filter((r) => r.layer === 'channel').map((r) => ({ ...(r.definition as unknown as ChannelRule), id: r.id, name: r.name })),
    calendars: new Map(calendars.map((c) => [c.id, c.definition as unknown as BusinessCalendar])),
    policies: policies.map((p) => ({ ...(p.definition as unknown as SlaPolicy), id: p.id, name: p.name, calendarId: p.calendarId ?? undefined })),
    timeZone: ws[0]?.timeZone ?? 'UTC',
  };
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** What rules can test about a mention, from what the pipeline (or a stored mention) knows. */
export const factsOf = (item: RoutableInput, customer?: { tier: string | null; isVip: boolean } | null): MentionFacts => {
  const t = item.triage;
  return {
    channelId: item.channelId,
    channelKind: item.channelKind,
    visibility: item.visibility,
    listeningQueryIds: item.matchedQueryIds,
    text: item.text,
    language: item.language,
    sentiment: item.sentiment,
    sentimentScore: item.sentimentScore,
    intent: item.intent,
    intentScore: num(t.intentScore),
    complaint: typeof t.complaint === 'boolean' ? t.complaint : null,
    complaintScore: num(t.complaintScore),
    needsResponse: typeof t.needsResponse === 'boolean' ? t.needsResponse : null,
    needsResponseScore: num(t.needsResponseScore),
    priority: item.priority,
    followers: item.followers,
    verified: item.verified,
    influence: num(t.influence),
    customerTier: customer?.tier ?? null,
    isVip: customer?.isVip ?? false,
    isDrill: item.isDrill,
    receivedAt: item.receivedAt,
  };
};

/** A new conversation a rule (or its channel's rule) wants acknowledged with a canned reply. */
export interface Acknowledgement {
  conversationId: string;
  cannedReplyId: string;
  ruleId: string | null;
  visibility: 'public' | 'private';
}

export const routeConversations = async (tx: Tx, workspaceId: string, items: RoutableInput[], now: Date): Promise<{ events: DomainEvent[]; acknowledgements: Acknowledgement[] }> => {
  const acknowledgements: Acknowledgement[] = [];
  if (!items.length) return { events: [], acknowledgements };
  const routing = await loadRouting(tx, workspaceId);
  const convIds = [...new Set(items.map((i) => i.conversationId))];
  const convs = await tx
    .select({ id: schema.conversations.id, teamId: schema.conversations.teamId, assigneeId: schema.conversations.assigneeId, createdAt: schema.conversations.createdAt })
    .from(schema.conversations)
    .where(and(eq(schema.conversations.workspaceId, workspaceId), inArray(schema.conversations.id, convIds)));
  const convById = new Map(convs.map((c) => [c.id, c]));
  const customerIds = [...new Set(items.map((i) => i.customerId).filter((x): x is string => Boolean(x)))];
  const customers = customerIds.length
    ? await tx.select({ id: schema.customers.id, tier: schema.customers.tier, isVip: schema.customers.isVip }).from(schema.customers).where(inArray(schema.customers.id, customerIds))
    : [];
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const events: DomainEvent[] = [];

  for (const item of items) {
    const conv = convById.get(item.conversationId);
    if (!conv) continue;
    const customer = item.customerId ? customerById.get(item.customerId) : undefined;
    const facts = factsOf(item, customer);
    const decision = routeMention({ channelRules: routing.channelRules, dataRules: routing.dataRules, facts, calendars: routing.calendars, timeZone: routing.timeZone });
    const set: Partial<typeof schema.conversations.$inferInsert> = {};
    let assignReason: string | null = null;
    if (!conv.teamId && decision.teamId) set.teamId = decision.teamId;
    if (!conv.assigneeId) {
      if (decision.agentId) {
        set.assigneeId = decision.agentId;
        assignReason = `rule ${decision.agentRuleId ?? ''}`.trim();
      } else if (decision.teamId && !conv.teamId) {
        const choice = await assignWithinTeam(tx, workspaceId, decision.teamId, item);
        if (choice) {
          set.assigneeId = choice.agentId;
          assignReason = choice.reason;
        }
      }
    }
    if (decision.priority !== null && decision.priority !== item.priority) set.priority = decision.priority;
    if (item.isNew) {
      const choice = selectSlaPolicy(routing.policies, { priority: decision.priority ?? item.priority, channelKind: item.channelKind, customerTier: customer?.tier ?? null });
      if (choice) {
        const calendar = choice.policy.calendarId ? routing.calendars.get(choice.policy.calendarId) ?? null : (decision.channel.calendar ?? null);
        const clocks = startSlaClocks(choice.policy, calendar, conv.createdAt);
        set.slaPolicyId = choice.policy.id;
        for (const c of clocks) {
          if (c.metric === 'first_response') set.firstResponseDueAt = c.dueAt;
          if (c.metric === 'relief') set.reliefDueAt = c.dueAt;
          if (c.metric === 'resolution') set.resolutionDueAt = c.dueAt;
        }
      }
    }
    const fired = decision.fired.map((f) => ({ ruleId: f.ruleId, ruleName: f.ruleName, reasons: f.reasons, actions: f.actions, at: now.toISOString() }));
    if (fired.length) set.firedRules = sql`${schema.conversations.firedRules} || ${JSON.stringify(fired)}::jsonb` as never;
    if (Object.keys(set).length) {
      await tx.update(schema.conversations).set({ ...set, updatedAt: now }).where(and(eq(schema.conversations.workspaceId, workspaceId), eq(schema.conversations.id, item.conversationId)));
    }
    if (decision.tags.length) await addTags(tx, workspaceId, item.conversationId, decision.tags);
    if (fired.length || set.assigneeId || set.teamId) {
      await tx.insert(schema.conversationEvents).values({
        workspaceId,
        conversationId: item.conversationId,
        type: 'rules.fired',
        actorType: 'rule',
        data: { fired, teamId: set.teamId ?? null, assigneeId: set.assigneeId ?? null, assignReason, teamRuleId: decision.teamRuleId, priority: set.priority ?? null, tags: decision.tags, sendToFeedback: decision.sendToFeedback, autoAcknowledge: decision.autoAcknowledge, requireApproval: decision.channel.requireApprovalForPublicReply },
      });
      events.push({ type: 'conversation.routed', subjectId: item.conversationId, data: { teamId: set.teamId ?? null, assigneeId: set.assigneeId ?? null, rules: fired.map((f) => f.ruleName) } });
    }
    if (item.isNew && decision.autoAcknowledge && !acknowledgements.some((a) => a.conversationId === item.conversationId)) {
      acknowledgements.push({ conversationId: item.conversationId, cannedReplyId: decision.autoAcknowledge.cannedReplyId, ruleId: decision.autoAcknowledge.ruleId, visibility: item.visibility });
    }
    if (decision.notify.memberIds.length || decision.notify.teamIds.length) {
      // One notification per person (teams expanded to their members), each on the live stream.
      const fromTeams = decision.notify.teamIds.length
        ? await tx.select({ memberId: schema.teamMembers.memberId }).from(schema.teamMembers).where(and(eq(schema.teamMembers.workspaceId, workspaceId), inArray(schema.teamMembers.teamId, decision.notify.teamIds)))
        : [];
      const rule = decision.fired.find((f) => f.actions.some((a) => a.type === 'notify'));
      for (const memberId of new Set([...decision.notify.memberIds, ...fromTeams.map((m) => m.memberId)])) {
        events.push({ type: 'member.notified', subjectId: memberId, data: { memberId, conversationId: item.conversationId, ruleId: rule?.ruleId ?? null, ruleName: rule?.ruleName ?? null, message: (rule?.actions.find((a) => a.type === 'notify') as { message?: string } | undefined)?.message ?? null } });
      }
    }
    if (decision.sendToFeedback && !(await sentToFeedback(tx, workspaceId, item.conversationId))) {
      const rule = decision.fired.find((f) => f.actions.some((a) => a.type === 'send_to_feedback'));
      await tx.insert(schema.conversationEvents).values({ workspaceId, conversationId: item.conversationId, type: 'feedback.sent', actorType: 'rule', actorId: rule?.ruleId ?? null, data: { ruleName: rule?.ruleName ?? null, intent: item.intent } });
      events.push({ type: 'feedback.sent', subjectId: item.conversationId, data: { ruleId: rule?.ruleId ?? null, intent: item.intent } });
    }
  }
  return { events, acknowledgements };
};

const sentToFeedback = async (tx: Tx, workspaceId: string, conversationId: string): Promise<boolean> => {
  const rows = await tx
    .select({ id: schema.conversationEvents.id })
    .from(schema.conversationEvents)
    .where(and(eq(schema.conversationEvents.workspaceId, workspaceId), eq(schema.conversationEvents.conversationId, conversationId), eq(schema.conversationEvents.type, 'feedback.sent')))
    .limit(1);
  return rows.length > 0;
};

/** Picks an agent of the team (capacity, skills, sticky to the customer's last agent, never offline). */
const assignWithinTeam = async (tx: Tx, workspaceId: string, teamId: string, item: RoutableInput): Promise<{ agentId: string; reason: string } | null> => {
  const [team] = await tx.select().from(schema.teams).where(and(eq(schema.teams.workspaceId, workspaceId), eq(schema.teams.id, teamId)));
  if (!team || team.assignment === 'manual') return null;
  const rows = (await tx.execute(sql`
    select m.id, m.availability, m.capacity, m.skills,
      (select count(*) from conversations c where c.assignee_id = m.id and c.status in ('new', 'open', 'pending'))::int as open_count
    from team_members tm join members m on m.id = tm.member_id
    where tm.team_id = ${teamId} and m.is_active order by m.name`)) as unknown as { rows: { id: string; availability: string; capacity: number; skills: { languages?: string[]; channels?: string[] }; open_count: number }[] };
  const candidates: AgentCandidate[] = rows.rows.map((r) => ({
    id: r.id,
    isOnline: r.availability === 'online',
    presence: r.availability as AgentCandidate['presence'],
    openCount: Number(r.open_count),
    capacity: r.capacity,
    skills: { languages: r.skills.languages ?? [], channels: r.skills.channels ?? [] },
  }));
  let previousAgentId: string | null = null;
  if (item.customerId) {
    const [prev] = await tx
      .select({ assigneeId: schema.conversations.assigneeId })
      .from(schema.conversations)
      .where(and(eq(schema.conversations.customerId, item.customerId), sql`${schema.conversations.assigneeId} is not null`))
      .orderBy(sql`${schema.conversations.lastMessageAt} desc`)
      .limit(1);
    previousAgentId = prev?.assigneeId ?? null;
  }
  const choice = chooseAgent(candidates, { language: item.language, channelKind: item.channelKind, channelId: item.channelId, previousAgentId }, { strategy: team.assignment, roundRobinPointer: team.lastAssignedMemberId });
  if (choice.roundRobinPointer !== team.lastAssignedMemberId) await tx.update(schema.teams).set({ lastAssignedMemberId: choice.roundRobinPointer }).where(eq(schema.teams.id, teamId));
  return choice.agentId ? { agentId: choice.agentId, reason: choice.reason } : null;
};

const addTags = async (tx: Tx, workspaceId: string, conversationId: string, names: string[]) => {
  for (const name of new Set(names)) {
    await tx.execute(sql`insert into tags (workspace_id, name) values (${workspaceId}, ${name}) on conflict (workspace_id, lower(name)) do nothing`);
    await tx.execute(sql`
      insert into conversation_tags (workspace_id, conversation_id, tag_id)
      select ${workspaceId}, ${conversationId}, id from tags where workspace_id = ${workspaceId} and lower(name) = lower(${name})
      on conflict (conversation_id, tag_id) do nothing`);
  }
};

import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantPolicy, tstz, updatedAt } from './_common.ts';
import { members, workspaces } from './access.ts';
import { channels } from './channels.ts';
import { conversations, mentions, messages } from './conversations.ts';
import { customers, identities } from './customers.ts';

/**
 * Proactive mission control: detection alerts and the detector's saved state (modules/detection),
 * incidents and playbooks (modules/incidents), stakeholder alerts (modules/alerts), outreach and
 * check-in surveys (modules/outreach, modules/surveys), fire drills (modules/drills).
 */

/** The live detector's state per workspace, saved between buckets so a restart keeps its baseline. */
export const detectorStates = pgTable(
  'detector_states',
  {
    workspaceId: uuid('workspace_id')
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    /** receivedAt of the last mention fed to the detector: the live feed resumes after it. */
    fedUntil: tstz('fed_until'),
    updatedAt: updatedAt(),
  },
  () => [tenantPolicy('detector_states')],
);

/** One spike the detector raised, with its explanation (series, band, terms, topics, examples). */
export const detectionAlerts = pgTable(
  'detection_alerts',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    detectedAt: tstz('detected_at').notNull(),
    windowStart: tstz('window_start').notNull(),
    severity: smallint('severity').notNull(),
    kind: text('kind').notNull(),
    terms: jsonb('terms').$type<string[]>().notNull().default([]),
    mentionIds: jsonb('mention_ids').$type<string[]>().notNull().default([]),
    /** The whole alert as the detector explained it (series, expected band, signals, topics). */
    explanation: jsonb('explanation').$type<Record<string, unknown>>().notNull().default({}),
    incidentId: uuid('incident_id'),
    isDrill: boolean('is_drill').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('detection_alerts_workspace_time').on(t.workspaceId, t.detectedAt.desc()), tenantPolicy('detection_alerts')],
);

export const INCIDENT_STATUSES = ['detected', 'acknowledged', 'mitigating', 'resolved', 'dismissed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const incidents = pgTable(
  'incidents',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** 1–10, as detection grades alerts. */
    severity: smallint('severity').notNull(),
    status: text('status').$type<IncidentStatus>().notNull().default('detected'),
    /** Incident type (outage, safety, influencer, billing …): picks the playbook. */
    type: text('type'),
    source: text('source').$type<'alert' | 'manual' | 'drill'>().notNull(),
    ownerId: uuid('owner_id').references(() => members.id, { onDelete: 'set null' }),
    playbookId: uuid('playbook_id'),
    /** Terms that make a new mention attach itself to this incident while it is open. */
    matchTerms: jsonb('match_terms').$type<string[]>().notNull().default([]),
    /** Emerging topics behind the spike (labels, terms, sizes) for "what people are saying". */
    topics: jsonb('topics').$type<unknown[]>().notNull().default([]),
    mentionCount: integer('mention_count').notNull().default(0),
    /** Sum of the followers of the authors of linked mentions: how far it has spread. */
    reach: integer('reach').notNull().default(0),
    /** When volume or reach first crossed the workspace's virality threshold (null: never). */
    viralAt: tstz('viral_at'),
    /** Resolved before it went viral: counted by the value reports. */
    crisisDiverted: boolean('crisis_diverted').notNull().default(false),
    isDrill: boolean('is_drill').notNull().default(false),
    drillRunId: uuid('drill_run_id'),
    detectedAt: tstz('detected_at').notNull().defaultNow(),
    acknowledgedAt: tstz('acknowledged_at'),
    mitigatingAt: tstz('mitigating_at'),
    /** First public statement or public reply sent while the incident ran. */
    firstPublicResponseAt: tstz('first_public_response_at'),
    resolvedAt: tstz('resolved_at'),
    dismissedAt: tstz('dismissed_at'),
    /**
     * The last `events` id the alert planner planned for this incident. Every planner (one per
     * process) reads the events in id order, so an event at or below it was planned by another
     * process already: planning is once per event, however many processes run.
     */
    alertsPlannedEventId: bigint('alerts_planned_event_id', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('incidents_workspace_open').on(t.workspaceId, t.status, t.severity.desc()),
    index('incidents_workspace_recent').on(t.workspaceId, t.detectedAt.desc()),
    tenantPolicy('incidents'),
  ],
);

/** The incident's timeline: every action, note, status change, alert, checklist step. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actorType: text('actor_type').$type<'member' | 'token' | 'system' | 'drill'>().notNull(),
    actorId: text('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('incident_events_incident').on(t.incidentId, t.createdAt), tenantPolicy('incident_events')],
);

/** Mentions linked to an incident, with their conversation and customer (the affected customers). */
export const incidentMentions = pgTable(
  'incident_mentions',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    mentionId: uuid('mention_id')
      .notNull()
      .references(() => mentions.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('incident_mentions_pk').on(t.incidentId, t.mentionId),
    index('incident_mentions_conversation').on(t.conversationId),
    index('incident_mentions_customer').on(t.incidentId, t.customerId),
    tenantPolicy('incident_mentions'),
  ],
);

/** A contingency plan written ahead: steps with owners, pre-approved statements, stakeholders. */
export const playbooks = pgTable(
  'playbooks',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The incident types it is attached to. */
    incidentTypes: jsonb('incident_types').$type<string[]>().notNull().default([]),
    /** Steps, statements and stakeholders, as modules/incidents defines a playbook. Validated when saved. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [tenantPolicy('playbooks')],
);

/** The running incident's checklist: one row per playbook step, ticked with a timestamp. */
export const incidentChecklist = pgTable(
  'incident_checklist',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    ownerRole: text('owner_role'),
    ownerId: uuid('owner_id').references(() => members.id, { onDelete: 'set null' }),
    doneAt: tstz('done_at'),
    doneBy: uuid('done_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('incident_checklist_incident').on(t.incidentId, t.position), tenantPolicy('incident_checklist')],
);

/** Who hears about what: severity, topics, hours, recipients, escalation, quiet hours. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    /** As modules/alerts defines a rule. Validated when saved; secrets (webhook keys) sealed inside. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('alert_rules_order').on(t.workspaceId, t.position), tenantPolicy('alert_rules')],
);

/** One alert to one recipient (console, email, Slack, signed webhook): retried with backoff, acknowledged or escalated. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id').references(() => alertRules.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'console' | 'email' | 'slack' | 'webhook'>().notNull(),
    /** Member id, email address or URL (never a secret). */
    target: text('target').notNull(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    /** Alerts about the same incident within the grouping window share a key: no storms. */
    groupKey: text('group_key'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    state: text('state').$type<'queued' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'acknowledged'>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at'),
    lastError: text('last_error'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    sentAt: tstz('sent_at'),
    acknowledgedAt: tstz('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => members.id, { onDelete: 'set null' }),
    isDrill: boolean('is_drill').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('alert_deliveries_due').on(t.nextAttemptAt).where(sql`state in ('queued', 'sending')`),
    index('alert_deliveries_incident').on(t.incidentId, t.createdAt),
    index('alert_deliveries_member').on(t.workspaceId, t.memberId, t.createdAt.desc()),
    tenantPolicy('alert_deliveries'),
  ],
);

/** A proactive message to an audience, usually from an incident. */
export const outreachCampaigns = pgTable(
  'outreach_campaigns',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** The pre-approved message, with variables ({{customer.name}} …). */
    body: text('body').notNull(),
    /** public reply, DM where the channel has one, or email. */
    mode: text('mode').$type<'public' | 'private' | 'email'>().notNull().default('private'),
    /** The segment the audience was built from (tag, tier, channel, past topic). */
    segment: jsonb('segment').$type<Record<string, unknown>>().notNull().default({}),
    state: text('state').$type<'draft' | 'sending' | 'sent' | 'cancelled'>().notNull().default('draft'),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    isDrill: boolean('is_drill').notNull().default(false),
    sentAt: tstz('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('outreach_campaigns_incident').on(t.workspaceId, t.incidentId), tenantPolicy('outreach_campaigns')],
);

export const outreachRecipients = pgTable(
  'outreach_recipients',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => outreachCampaigns.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    identityId: uuid('identity_id').references(() => identities.id, { onDelete: 'set null' }),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    /** Why this customer is in the audience (mentioned it, segment) or why suppressed. */
    reason: text('reason'),
    state: text('state').$type<'included' | 'excluded' | 'suppressed' | 'queued' | 'sent' | 'failed'>().notNull().default('included'),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('outreach_recipients_pk').on(t.campaignId, t.customerId),
    index('outreach_recipients_customer').on(t.workspaceId, t.customerId),
    tenantPolicy('outreach_recipients'),
  ],
);

/** A check-in ("how is it going?"): CSAT 1–5 or NPS 0–10 with a comment. */
export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'csat' | 'nps'>().notNull(),
    trigger: text('trigger').$type<'resolution' | 'schedule' | 'manual' | 'incident'>().notNull(),
    /** sha256 of the link token a customer answers with (the token itself is only in the link). */
    tokenHash: text('token_hash').notNull(),
    state: text('state').$type<'sent' | 'answered' | 'expired'>().notNull().default('sent'),
    score: smallint('score'),
    comment: text('comment'),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    isDrill: boolean('is_drill').notNull().default(false),
    sentAt: tstz('sent_at').notNull().defaultNow(),
    answeredAt: tstz('answered_at'),
    expiresAt: tstz('expires_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('surveys_token').on(t.tokenHash),
    index('surveys_customer').on(t.workspaceId, t.customerId, t.sentAt.desc()),
    index('surveys_conversation').on(t.conversationId),
    tenantPolicy('surveys'),
  ],
);

/** One fire drill: the scenario that ran, when, and its scored report. */
export const drillRuns = pgTable(
  'drill_runs',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    scenarioName: text('scenario_name').notNull(),
    /** The parsed scenario, as it was when the drill started. */
    scenario: jsonb('scenario').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'running' | 'finished' | 'cancelled'>().notNull().default('running'),
    startedBy: text('started_by'),
    startedAt: tstz('started_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
    /** Scores: time to detect, acknowledge, first public response; stakeholders alerted; steps done; misses. */
    report: jsonb('report').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('drill_runs_workspace').on(t.workspaceId, t.startedAt.desc()), tenantPolicy('drill_runs')],
);

import type { AppContext } from '../server/context.ts';
import type { InboundItem } from '../modules/channels/index.ts';
import { defaultStages, type Enricher, type Enrichment, type PipelineStages, type Router } from '../modules/ingestion/index.ts';
import { workspaceQueryMatcher } from '../modules/channels/index.ts';
import {
  NO_WORKSPACE_MODELS, applyCustomClassifiers, createTriage, createWorkspaceModelCache, type TextAnalysis, type Triage, type TriageWeightsOverride, type WorkspaceModels,
} from '../modules/triage/index.ts';
import { routeConversations } from '../modules/routing/index.ts';
import { autoMergeExactEmail } from '../modules/customers/index.ts';
import { queueAcknowledgements } from './auto-acknowledge.ts';

/**
 * The pipeline's plug-ins for this process: triage enriches every inbound mention (the shipped
 * models, the workspace's weights), listening queries decide what keyword searches keep.
 * Routing (rules, assignment, SLA clocks) plugs in at `route`.
 */
let triage: Triage | null = null;

/**
 * The workspace's own models (custom classifiers, needs-response model) arrive preloaded by
 * `preloadEnrich` (see createStages): the enricher itself stays synchronous.
 */
const triageText = (item: InboundItem): string => (item.title ? `${item.title}\n${item.text}` : item.text);

/** The text models' part of triage, for items that will be enriched (not the brand's own, not reposts). */
export const triagePrepare = (items: InboundItem[]): (TextAnalysis | undefined)[] => {
  triage ??= createTriage();
  return items.map((item) => (item.isOwn || item.repostOf || item.kind === 'repost' ? undefined : triage!.analyze(triageText(item))));
};

export const triageEnricher: Enricher = (inputs, ctx) => {
  triage ??= createTriage();
  const weights = ctx.settings.triageWeights as TriageWeightsOverride | undefined;
  const models = (ctx.preloaded as WorkspaceModels | undefined) ?? NO_WORKSPACE_MODELS;
  return inputs.map((input): Enrichment => {
    const { item } = input;
    const text = triageText(item);
    const r = triage!.enrich(
      {
        text,
        author: { followers: item.author.followers ?? undefined, verified: item.author.verified ?? undefined },
        engagement: item.engagement,
      },
      {
        weights,
        now: ctx.now,
        customer: input.customer ? { tier: input.customer.tier ?? undefined, isVip: input.customer.isVip } : undefined,
        repeatContacts: input.repeatContacts,
        waitingSinceMs: input.waitingSince?.getTime(),
        needsResponseModel: models.needsResponse ?? undefined,
      },
      input.prepared as TextAnalysis | undefined,
    );
    return {
      language: r.language === 'und' ? null : r.language,
      sentiment: r.sentiment,
      sentimentScore: r.sentimentScore,
      intent: r.intent,
      needsResponse: r.needsResponse,
      priority: r.priority,
      triage: {
        reasons: r.reasons,
        factors: r.factors,
        sentiment: r.sentiment,
        sentimentScore: r.sentimentScore,
        complaint: r.complaint,
        complaintScore: r.complaintScore,
        intent: r.intent,
        intentScore: r.intentScore,
        needsResponse: r.needsResponse,
        needsResponseScore: r.needsResponseScore,
        urgency: r.urgency,
        urgencyCues: r.urgencyCues,
        influence: r.influence,
        language: r.language,
        confidence: r.confidence,
        priority: r.priority,
        ...(models.custom.length ? { custom: applyCustomClassifiers(models, text) } : {}),
      },
    };
  });
};

/**
 * Routing: customers with the same email merge first when the workspace allows it (audited,
 * reversible), then the workspace's rules, team assignment and SLA clocks for each conversation,
 * and the acknowledgements rules ask for, queued through the outbox.
 */
export const rulesRouter: Router = async (tx, workspaceId, conversations, now) => {
  const merged = await autoMergeExactEmail(tx, workspaceId, [...new Set(conversations.map((c) => c.customerId).filter((x): x is string => Boolean(x)))]);
  const routed = await routeConversations(
    tx,
    workspaceId,
    conversations.map((c) => ({
      conversationId: c.conversationId,
      isNew: c.isNew,
      channelId: c.channelId,
      channelKind: c.channelKind,
      customerId: c.customerId,
      text: c.item.title ? `${c.item.title}\n${c.item.text}` : c.item.text,
      visibility: c.item.visibility,
      followers: c.item.author.followers ?? null,
      verified: c.item.author.verified ?? null,
      receivedAt: now,
      isDrill: c.isDrill,
      matchedQueryIds: c.matchedQueryIds,
      language: c.enrichment.language,
      sentiment: c.enrichment.sentiment,
      sentimentScore: c.enrichment.sentimentScore,
      intent: c.enrichment.intent,
      priority: c.enrichment.priority,
      triage: c.enrichment.triage,
    })),
    now,
  );
  const acknowledged = await queueAcknowledgements(tx, workspaceId, routed.acknowledgements, now);
  return [...merged.events, ...routed.events, ...acknowledged];
};

export const createStages = (_ctx: Pick<AppContext, 'clock' | 'log'>): PipelineStages => ({
  ...defaultStages,
  prepare: triagePrepare,
  enrich: triageEnricher,
  // One cache per set of stages (per process): a retrain is seen by the next batch.
  preloadEnrich: createWorkspaceModelCache(),
  route: rulesRouter,
  matchQueries: workspaceQueryMatcher,
});

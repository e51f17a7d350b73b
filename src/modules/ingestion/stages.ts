import type { Tx } from '../../platform/db/index.ts';
import type { DomainEvent } from '../../platform/events/index.ts';
import type { InboundItem } from '../channels/index.ts';

/**
 * The pipeline's plug-in points. The stages themselves (normalize, thread, identity, store) live
 * in this module; enrichment (triage) and routing (rules, assignment, SLA) are given to it, so the
 * triage and routing modules plug in without ingestion knowing them, and a NATS consumer on
 * another machine can run the very same `processBatch`.
 */

/** What enrichment decides about one mention. */
export interface Enrichment {
  language: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  sentimentScore: number | null;
  intent: string | null;
  needsResponse: boolean;
  priority: number;
  /** The whole triage result with its reasons, stored as JSONB. */
  triage: Record<string, unknown>;
}

export interface EnrichInput {
  item: InboundItem;
  channelKind: string;
  customer: { tier: string | null; isVip: boolean } | null;
  /** How many earlier inbound messages the conversation has (repeated contact). */
  repeatContacts: number;
  /** Since when the customer has been waiting for an answer, if they are. */
  waitingSince: Date | null;
  /** What `PipelineStages.prepare` gave for this item, when it ran ahead. */
  prepared?: unknown;
}

/** `preloaded`: what `PipelineStages.preloadEnrich` returned for this workspace (e.g. its own models). */
export type Enricher = (inputs: EnrichInput[], ctx: { workspaceId: string; settings: Record<string, unknown>; now: Date; preloaded?: unknown }) => Enrichment[];

/** A conversation as routing sees it right after the batch stored it. */
export interface RoutableConversation {
  conversationId: string;
  isNew: boolean;
  mentionId: string;
  channelId: string;
  channelKind: string;
  customerId: string | null;
  item: InboundItem;
  enrichment: Enrichment;
  matchedQueryIds: string[];
  isDrill: boolean;
}

/** Routes conversations inside the batch's transaction; returns the events it caused. */
export type Router = (tx: Tx, workspaceId: string, conversations: RoutableConversation[], now: Date) => Promise<DomainEvent[]>;

/**
 * Keeps or drops items from keyword searches: a function giving the ids of the listening queries a
 * text matches (none = drop), or null when the workspace has no queries (keep everything).
 */
export type QueryMatcher = (tx: Tx, workspaceId: string) => Promise<((text: string) => string[]) | null>;

export interface PipelineStages {
  enrich: Enricher;
  route: Router;
  matchQueries: QueryMatcher;
  /**
   * The part of enrichment that depends on nothing but each item (the text models): pure and
   * synchronous, so the runner runs it for a claimed batch while the previous batch is still being
   * written. One result per item (undefined = nothing to prepare); `enrich` gets it back as
   * `EnrichInput.prepared`.
   */
  prepare?: (items: InboundItem[]) => unknown[];
  /** Loads, once per batch, what the synchronous enricher needs from the database (it may cache). */
  preloadEnrich?: (tx: Tx, workspaceId: string) => Promise<unknown>;
}

export const neutralEnrichment = (): Enrichment => ({
  language: null,
  sentiment: null,
  sentimentScore: null,
  intent: null,
  needsResponse: true,
  priority: 0,
  triage: {},
});

/** The stages before triage and routing are plugged in: every mention needs a response, nobody routes. */
export const defaultStages: PipelineStages = {
  enrich: (inputs) => inputs.map(() => neutralEnrichment()),
  route: async () => [],
  matchQueries: async () => null,
};

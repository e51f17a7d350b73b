/** What the enrich stage reads and returns. */
import type { Intent } from './signals/intent-rules.ts';
import type { AuthorSignals, EngagementSignals } from './signals/influence.ts';
import type { UrgencyCue } from './signals/urgency-cues.ts';
import type { TriageWeights, TriageWeightsOverride } from './settings.ts';
import type { NeedsResponseModel } from './custom/needs-response.ts';

export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface TriageInput {
  text: string;
  author?: AuthorSignals;
  engagement?: EngagementSignals;
}

export interface TriageContext {
  /** the workspace's weights (partial: laid over the defaults) */
  weights?: TriageWeightsOverride | TriageWeights;
  /** epoch ms or Date; defaults to the system time, only used with `waitingSinceMs` */
  now?: number | Date;
  customer?: { tier?: string; isVip?: boolean };
  /** earlier unanswered contacts from this customer about the same thing */
  repeatContacts?: number;
  /** epoch ms since when the customer has been waiting for an answer */
  waitingSinceMs?: number;
  /** the workspace's own needs-response model, blended with the shipped one */
  needsResponseModel?: NeedsResponseModel;
}

export interface PriorityFactor {
  factor: string;
  points: number;
  reason: string;
}

export interface TriageResult {
  /** ISO 639-1, `und` when unknown */
  language: string;
  languageConfidence: number;
  sentiment: Sentiment;
  /** polarity: p(positive) − p(negative), −1…1 */
  sentimentScore: number;
  sentimentProbabilities: Record<Sentiment, number>;
  complaint: boolean;
  complaintScore: number;
  intent: Intent;
  intentScore: number;
  needsResponse: boolean;
  needsResponseScore: number;
  /** 0–1 */
  urgency: number;
  urgencyCues: { cue: UrgencyCue; evidence: string }[];
  /** 0–1 */
  influence: number;
  /** 0–100 */
  priority: number;
  /** readable, most important first: "negative, 0.93", "120k followers", "says 'cancel'" */
  reasons: string[];
  factors: PriorityFactor[];
  /** how much the text gave to go on: ~0 for empty, emoji-only or garbage input */
  confidence: number;
}

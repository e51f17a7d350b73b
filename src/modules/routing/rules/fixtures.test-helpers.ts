import type { MentionFacts } from './rule-types.ts';

/** An angry, influential billing complaint on Bluesky, Monday 2026-01-05 22:15 in Paris. */
export const billingFacts: MentionFacts = {
  channelId: 'ch-bsky',
  channelKind: 'bluesky',
  visibility: 'public',
  listeningQueryIds: ['q-brand'],
  text: 'My Acme bill charged me TWICE! Refund now or I cancel. Order #A-1234',
  language: 'en',
  sentiment: 'negative',
  sentimentScore: 0.93,
  intent: 'billing',
  intentScore: 0.91,
  complaint: true,
  complaintScore: 0.88,
  needsResponse: true,
  needsResponseScore: 0.95,
  priority: 62,
  followers: 120_000,
  verified: true,
  influence: 71,
  customerTier: 'Gold',
  isVip: false,
  isDrill: false,
  tags: ['existing'],
  receivedAt: '2026-01-05T21:15:00Z',
};

/**
 * Proactive outreach from an incident: the audience (customers who mentioned it, plus a segment:
 * tag, tier, VIP, channel, past topic), its suppression (opted out, never twice for one incident,
 * any outreach within the window, already in an open conversation about it), the path to each
 * customer (public reply, direct message or email, by the campaign's mode with fallbacks), and the
 * send: one outbound message per customer through the outbox. Answers that come back are linked
 * to the incident.
 */
export { createCampaign, getCampaign, listCampaigns, setRecipientsState, updateCampaign, type CampaignInput, type CampaignView, type RecipientView } from './campaigns.ts';
export { sendCampaign, type SendOutcome } from './send.ts';
export { linkOutreachReplies } from './replies.ts';
export { FALLBACKS, type OutreachMode, type ConnectorLookup } from './reach.ts';
export { DEFAULT_SUPPRESSION_DAYS } from './suppression.ts';
export { OUTREACH_VARIABLES } from './variables.ts';
export { MAX_AUDIENCE, type Segment } from './audience.ts';

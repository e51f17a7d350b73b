/** The inbox: queues, search and the live stream; the conversation screen reuses its pieces. */
export { InboxPage } from './inbox-page.tsx';
export { CONVERSATIONS_KEY } from './api.ts';
export { useLiveConversations } from './live-stream.ts';
export { PriorityBadge } from './priority-badge.tsx';
export { SlaCountdown } from './sla-countdown.tsx';
export { CHANNEL_COLORS, channelKindLabel, formatFollowers, priorityBand, statusLabel } from './format.ts';

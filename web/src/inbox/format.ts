/** How the inbox and a conversation show triage numbers and channels. */

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export const formatFollowers = (n: number | null | undefined): string | null => (n === null || n === undefined ? null : `${compact.format(n)} followers`);

/** Bands a person can tell apart at a glance; the number stays visible for precision. */
export const priorityBand = (p: number): { label: string; color: string } =>
  p >= 70 ? { label: 'Urgent', color: 'red' } : p >= 45 ? { label: 'High', color: 'orange' } : p >= 20 ? { label: 'Normal', color: 'blue' } : { label: 'Low', color: 'gray' };

const CHANNEL_LABELS: Record<string, string> = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  email: 'Email',
  webchat: 'Web chat',
  rss: 'RSS',
  webhook: 'Webhook',
  import: 'Import',
};
export const channelKindLabel = (kind: string | null | undefined): string => (kind ? (CHANNEL_LABELS[kind] ?? kind) : 'Unknown channel');

export const CHANNEL_COLORS: Record<string, string> = { x: 'dark', bluesky: 'blue', mastodon: 'violet', email: 'teal', webchat: 'cyan' };

export const STATUS_LABELS: Record<string, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Waiting on customer',
  relieved: 'Relieved',
  resolved: 'Resolved',
  closed: 'Closed',
};
export const statusLabel = (s: string): string => STATUS_LABELS[s] ?? s;

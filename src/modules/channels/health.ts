/**
 * Silent disconnects are the most-reported failure of helpdesks: a channel that stops delivering
 * must say so. This decides, from numbers the worker gathers, whether a channel is unhealthy and why.
 */
export interface ChannelStats {
  kind: string;
  status: string;
  /** The connector's own view: 'auth', 'unreachable', … from the last failure, cleared by a success. */
  problem: string | null;
  consecutiveErrors: number;
  itemsLastHour: number;
  /** Average items per hour over the last 7 days. */
  usualPerHour: number;
  /** Seconds since the last item arrived (null: never). */
  secondsSinceLastItem: number | null;
}

export type HealthAlert = { problem: 'auth' | 'failing' | 'silent'; detail: string } | null;

/** Channels that only speak when spoken to have no "usual rate" to fall below. */
const PUSH_ONLY = new Set(['import', 'webhook', 'webchat']);

export const assessChannelHealth = (s: ChannelStats): HealthAlert => {
  if (s.status === 'paused') return null;
  if (s.problem === 'auth' || s.status === 'error') return { problem: 'auth', detail: 'the credentials were refused: reconnect the channel' };
  if (s.consecutiveErrors >= 5) return { problem: 'failing', detail: `${s.consecutiveErrors} failures in a row${s.problem ? ` (${s.problem})` : ''}` };
  if (!PUSH_ONLY.has(s.kind) && s.usualPerHour >= 3 && s.itemsLastHour === 0) {
    // Silence is news when the usual rate makes an empty stretch this long very unlikely (Poisson:
    // P(0 in t hours) = e^(-rate·t) below 1 in 10,000 → t ≥ 9.2 / rate), and at least two hours.
    const quietHours = (s.secondsSinceLastItem ?? Infinity) / 3600;
    const needed = Math.max(2, 9.2 / s.usualPerHour);
    if (quietHours >= needed) return { problem: 'silent', detail: `nothing for ${Math.round(quietHours)} h where ${s.usualPerHour.toFixed(1)} items an hour are usual` };
  }
  return null;
};

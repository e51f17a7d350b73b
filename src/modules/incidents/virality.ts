/**
 * The workspace's virality threshold (`workspaces.settings.viralityThreshold`): an incident whose
 * linked mentions or reach cross it has gone viral. Resolving one that never crossed it is a
 * crisis diverted, which the value reports count.
 */
export interface ViralityThreshold {
  mentions: number;
  reach: number;
}

export const DEFAULT_VIRALITY_THRESHOLD: Readonly<ViralityThreshold> = Object.freeze({ mentions: 500, reach: 1_000_000 });

const positiveInt = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback);

export const viralityThresholdOf = (settings: Record<string, unknown> | null | undefined): ViralityThreshold => {
  const raw = (settings?.viralityThreshold ?? {}) as Record<string, unknown>;
  return {
    mentions: positiveInt(raw.mentions, DEFAULT_VIRALITY_THRESHOLD.mentions),
    reach: positiveInt(raw.reach, DEFAULT_VIRALITY_THRESHOLD.reach),
  };
};

export const hasCrossed = (counts: { mentionCount: number; reach: number }, threshold: ViralityThreshold): boolean =>
  counts.mentionCount >= threshold.mentions || counts.reach >= threshold.reach;

/**
 * Severity 1–10 of an alert, additive so each part can be read back:
 *  - size: 1 + 2·log10(1 + mentions above expected), at most 7 (10 extra → 3, 100 → 5, 1000 → 7);
 *  - certainty: up to +1 as the surprise reaches twice its threshold;
 *  - tone: up to +2 for the share of negative mentions behind the spike, up to +1.5 for complaints;
 *  - reach: up to +1.5 for the authors' total followers (+0.5 per factor of ten above 1,000).
 */

export interface SeverityInput {
  excess: number;
  surprise: number;
  threshold: number;
  /** Share of the mentions behind the spike that are negative, or null when sentiment is unknown. */
  negativeShare: number | null;
  complaintShare: number | null;
  reach: number;
}

export const scoreSeverity = (input: SeverityInput): number => {
  const size = Math.min(7, 1 + 2 * Math.log10(1 + Math.max(0, input.excess)));
  const certainty = Math.max(0, Math.min(1, Math.log2(input.surprise / input.threshold)));
  const tone = 2 * (input.negativeShare ?? 0) + 1.5 * (input.complaintShare ?? 0);
  const reach = Math.min(1.5, 0.5 * Math.log10(1 + Math.max(0, input.reach) / 1000));
  return Math.max(1, Math.min(10, Math.round(size + certainty + tone + reach)));
};

import { randomUUID } from 'node:crypto';
import { Detector } from './detector.ts';
import { backgroundStream } from './synthetic-stream.ts';

const DAY_MS = 86_400_000;

/**
 * The detector a fire drill's mentions are judged by: a copy of the live one, so the drill's spike
 * is measured against the workspace's real baseline without changing it. A workspace too new to
 * have a baseline (less than the warm-up) would never see its drill detected — the first drills are
 * run on new installations — so then the copy is a fresh detector warmed on a few days of
 * synthetic everyday background ending now: an ordinary quiet week, against which the drill's
 * burst stands out as a real one would. The background's mentions get ids that exist nowhere, so
 * nothing links to them.
 */
export const drillDetectorFrom = (live: Detector, now: Date, opts: { peakPerHour?: number; seed?: number } = {}): Detector => {
  if (live.historyHours >= live.options.warmupHours) return live.clone();
  const warm = new Detector(live.options);
  const days = Math.ceil(live.options.warmupHours / 24) + 2;
  const background = backgroundStream({ start: new Date(now.getTime() - days * DAY_MS), days, peakPerHour: opts.peakPerHour ?? 20, seed: opts.seed ?? 20261122, negativeShare: 0.1 });
  for (const mention of background) if (mention.createdAt < now) warm.push({ ...mention, id: randomUUID() });
  warm.flush(now);
  return warm;
};

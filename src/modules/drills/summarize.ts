import type { Scenario, ScenarioSummary } from '../../contracts/drills.ts';
import { expandTimeline, timelineLengthMs } from './expand-timeline.ts';

/** A scenario as the console lists it: what it is, how many mentions over how long, what is expected. */
export const summarizeScenario = (key: string, s: Scenario): ScenarioSummary => {
  const items = expandTimeline(s, 'preview');
  return {
    key,
    name: s.name,
    description: s.description,
    incidentType: s.incidentType ?? null,
    channels: s.channels,
    mentions: items.length,
    durationMinutes: Math.round(timelineLengthMs(items) / 6000) / 10,
    expected: s.expected,
  };
};

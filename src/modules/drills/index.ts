/**
 * Fire drills: scenario files (parsed with line-numbered errors), drill runs on per-workspace
 * DRILL channels, the timeline fed through the real ingestion pipeline marked is_drill, and the
 * scored report with the history per scenario. Nothing a drill produces leaves Lookout: the
 * outbox refuses drill messages and alert deliveries for drill incidents are suppressed.
 */
export { parseScenario, ScenarioError } from './parse-scenario.ts';
export { expandTimeline, drillExternalId, timelineLengthMs, type DrillItem } from './expand-timeline.ts';
export { listShippedScenarios, findShippedScenario, parseUploadedScenario, drillsDir, type ShippedScenario } from './shipped-scenarios.ts';
export {
  startDrill, endDrill, getDrillRun, listDrills, toDrillView, runningDrills, drillTiming, ensureDrillChannels, computeReport, recordOf, GRACE_MS,
  type DrillRecord, type DrillRunRow, type StartDrillInput,
} from './drill-runs.ts';
export { injectDue } from './inject.ts';
export { scoreDrill, drillHistory, type DrillFacts, type DeliveryFact } from './score.ts';
export { summarizeScenario } from './summarize.ts';

/**
 * Ingestion: the raw store (accept), and the pipeline stages after it — normalize, drop noise,
 * resolve identities, enrich (plugged in), thread into conversations, route (plugged in), notify —
 * run in batches by the PipelineRunner from the PostgreSQL queue, and re-run by replay.
 */
export { acceptItems, saveCursor, type AcceptInput, type AcceptResult } from './accept.ts';
export { processBatch, type RawRow, type BatchResult } from './process-batch.ts';
/** The mention insert alone (the ingest benchmark's floor measures it). */
export { storeMentions } from './store-mentions.ts';
export { unansweredSince } from './unanswered-since.ts';
export { collectStageTimings, type StageCost, type TimingProbe } from './stage-timings.ts';
export { PipelineRunner, type BatchDone, type RunnerOptions } from './pipeline-runner.ts';
export { queueReplay } from './replay.ts';
export * from './stages.ts';
export { toStored, fromStored, normalizeText, contentHash, type StoredItem } from './normalize.ts';
export { createConnectorContext, type ConnectorContextDeps } from './connector-context.ts';
export { runImport, type ImportRow, type ImportStats, type ImportProgress } from './importers/run-import.ts';
export { readTwcsFile, twcsRowToItem, TWCS_COLUMNS } from './importers/twcs.ts';

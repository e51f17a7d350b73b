import type { AppContext } from '../server/context.ts';
import { defaultStages, type PipelineStages } from '../modules/ingestion/index.ts';

/** The pipeline's plug-ins for this process: triage enriches, routing routes, listening matches. */
export const createStages = (_ctx: Pick<AppContext, 'clock' | 'log'>): PipelineStages => ({ ...defaultStages });

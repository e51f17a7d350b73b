import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, type FieldProblem } from '../../platform/errors/index.ts';
import type { ClassifierExample } from './custom/custom-classifier.ts';
import type { NeedsResponseExample } from './custom/needs-response.ts';
import type { trainWorkspaceClassifier, trainWorkspaceNeedsResponse } from './workspace-classifiers.ts';

export type TrainTask =
  | { kind: 'classifier'; examples: readonly ClassifierExample[]; holdout?: number; path?: string }
  | { kind: 'needs_response'; examples: readonly NeedsResponseExample[] };

type Result<T extends TrainTask> = T extends { kind: 'classifier' } ? ReturnType<typeof trainWorkspaceClassifier> : ReturnType<typeof trainWorkspaceNeedsResponse>;

const fromTs = import.meta.url.endsWith('.ts');
const WORKER = new URL(fromTs ? './train-worker.ts' : './train-worker.js', import.meta.url);

/**
 * Training takes seconds of CPU (~8–20 s for 10,000 examples): done in a worker thread so the
 * server keeps answering meanwhile. Validation errors come back as the same AppErrors, with paths.
 */
export const trainOffThread = <T extends TrainTask>(task: T): Promise<Result<T>> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: task, execArgv: fromTs ? ['--import', 'tsx'] : [] });
    let settled = false;
    worker.once('message', (m: { ok: true; result: Result<T> } | { ok: false; error: { appError: boolean; code?: ErrorCode; message: string; fields?: FieldProblem[] } }) => {
      settled = true;
      if (m.ok) resolve(m.result);
      else reject(m.error.appError ? new AppError(m.error.code!, m.error.message, m.error.fields) : new Error(m.error.message));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`training worker stopped (exit ${code})`));
    });
  });

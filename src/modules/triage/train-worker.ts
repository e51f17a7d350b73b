import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../platform/errors/index.ts';
import { trainWorkspaceClassifier, trainWorkspaceNeedsResponse } from './workspace-classifiers.ts';
import type { TrainTask } from './train-off-thread.ts';

// Runs one training task off the server's event loop (see train-off-thread.ts).
const task = workerData as TrainTask;
try {
  const result = task.kind === 'classifier' ? trainWorkspaceClassifier(task.examples, { holdout: task.holdout, path: task.path }) : trainWorkspaceNeedsResponse(task.examples);
  parentPort!.postMessage({ ok: true, result });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: isAppError(e) ? { appError: true, code: e.code, message: e.message, fields: e.fields } : { appError: false, message: (e as Error).message } });
}

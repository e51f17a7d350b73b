/**
 * Triage: what Lookout decides about a mention, in-process, on the CPU, offline. Language,
 * sentiment, complaint / needs-response, intent (built-in taxonomy), urgency cues, influence and a
 * 0–100 priority with readable reasons, from linear models over hashed word and character n-grams
 * trained by scripts/train/* and committed under models/. Also per-workspace custom classifiers
 * (train from examples, abstain when unsure) and a per-workspace needs-response model learnt from
 * what the team answered or dismissed. See models/README.md for how the models are made and measured.
 */
export { createTriage, loadTriageModels, type TextAnalysis, type Triage, type TriageModels } from './triage.ts';
export type { PriorityFactor, Sentiment, TriageContext, TriageInput, TriageResult } from './types.ts';
export { DEFAULT_WEIGHTS, resolveWeights, type TriageWeights, type TriageWeightsOverride } from './settings.ts';
export { INTENTS, type Intent } from './signals/intent-rules.ts';
export { URGENCY_CUES, type UrgencyCue } from './signals/urgency-cues.ts';
export type { AuthorSignals, EngagementSignals } from './signals/influence.ts';
export {
  OUT_OF_SCOPE, classifierProbabilities, predictClassifier, trainClassifier,
  type ClassifierExample, type ClassifierPrediction, type CustomClassifier, type TrainClassifierOptions,
} from './custom/custom-classifier.ts';
export {
  blendNeedsResponse, trainNeedsResponseModel, type NeedsResponseExample, type NeedsResponseModel,
} from './custom/needs-response.ts';
export {
  MIN_EXAMPLES, MIN_LABELS, NEEDS_RESPONSE_NAME, NO_WORKSPACE_MODELS, activateClassifier, applyCustomClassifiers, checkExamples,
  createWorkspaceModelCache, deleteClassifier, getClassifier, listClassifiers, needsResponseExamples, parseExamplesCsv, saveClassifier,
  tagExamples, trainWorkspaceClassifier, trainWorkspaceNeedsResponse,
  type ClassifierKind, type ClassifierMetrics, type ClassifierRow, type WorkspaceModels,
} from './workspace-classifiers.ts';
export { EVAL_PARTS, TARGETS, runTriageEval, type EvalPart } from './eval/run-eval.ts';
export { createLineWriter, readJsonl, reportProblemTo, type JsonlProblem } from './io/jsonl.ts';
export { trainOffThread } from './train-off-thread.ts';

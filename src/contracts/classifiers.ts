import { Type, type Static } from 'typebox';
import { DateTime, Name, Strict, Uuid } from './common.ts';

/** A workspace's own classifiers: trained from examples or tags, applied to new mentions (`triage.custom`). */

export const ClassifierKind = Type.Union([Type.Literal('intent'), Type.Literal('topic'), Type.Literal('needs_response')]);

export const ClassifierMetricsView = Type.Object({
  /** Held-out accuracy on what it answered (null: too few examples to hold some out). */
  accuracy: Type.Union([Type.Number(), Type.Null()]),
  /** Held-out share it abstained on. */
  abstainRate: Type.Union([Type.Number(), Type.Null()]),
  outOfScopeRecall: Type.Union([Type.Number(), Type.Null()]),
  heldOut: Type.Integer(),
  threshold: Type.Number(),
  examples: Type.Integer(),
  labels: Type.Record(Type.String(), Type.Integer()),
  /** Held-out precision and recall per label (absent when nothing was held out, or on older versions). */
  perLabel: Type.Optional(Type.Record(Type.String(), Type.Object({
    precision: Type.Union([Type.Number(), Type.Null()]),
    recall: Type.Union([Type.Number(), Type.Null()]),
    heldOut: Type.Integer(),
  }))),
  trainMs: Type.Integer(),
});

export const ClassifierView = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: ClassifierKind,
  isActive: Type.Boolean(),
  metrics: ClassifierMetricsView,
  createdBy: Type.Union([Uuid, Type.Null()]),
  createdAt: DateTime,
});
export type ClassifierView = Static<typeof ClassifierView>;

const Example = Strict({ text: Type.String({ minLength: 1, maxLength: 10_000 }), label: Type.String({ minLength: 1, maxLength: 100 }) });

/** `examples` (JSON) or `csv` (`text,label` lines, optional header); a label `oos` marks out-of-scope texts. */
export const ClassifierTrainBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9 _.-]*$' }),
  kind: Type.Union([Type.Literal('intent'), Type.Literal('topic')]),
  examples: Type.Optional(Type.Array(Example, { maxItems: 50_000 })),
  csv: Type.Optional(Type.String({ maxLength: 20_000_000 })),
  /** Share of examples held out to measure and calibrate abstaining (default 0.2). */
  holdout: Type.Optional(Type.Number({ minimum: 0.05, maximum: 0.5 })),
});
export type ClassifierTrainBody = Static<typeof ClassifierTrainBody>;

export const ClassifierRetrainFromTagsBody = Strict({
  /** Tags to use as labels (default: the labels the classifier has now). */
  labels: Type.Optional(Type.Array(Name, { minItems: 2, maxItems: 500 })),
});
export type ClassifierRetrainFromTagsBody = Static<typeof ClassifierRetrainFromTagsBody>;

/**
 * A workspace's own classifiers, stored: intent / topic classifiers trained from examples (JSON, CSV
 * or the tags agents put on conversations) and the needs-response model learnt from what the team
 * answered or dismissed. Each (re)train adds a version and makes it the active one for its name;
 * the pipeline applies the active versions to new mentions (see `createWorkspaceModelCache`).
 */
import { and, desc, eq, schema, sql, type Tx } from '../../platform/db/index.ts';
import { badRequest, notFound, type FieldProblem } from '../../platform/errors/index.ts';
import { OUT_OF_SCOPE, predictClassifier, trainClassifier, type ClassifierExample, type ClassifierPrediction, type CustomClassifier } from './custom/custom-classifier.ts';
import { trainNeedsResponseModel, type NeedsResponseExample, type NeedsResponseModel } from './custom/needs-response.ts';

export type ClassifierKind = 'intent' | 'topic' | 'needs_response';
export const NEEDS_RESPONSE_NAME = 'needs-response';
export const MIN_EXAMPLES = 20;
export const MIN_LABELS = 2;
/** The pure trainer calibrates only with at least 20 held-out examples. */
const HELD_OUT_WANTED = 20;

export interface ClassifierMetrics {
  /** held-out accuracy on the examples it answered (null: too few examples to hold any out) */
  accuracy: number | null;
  /** held-out share it abstained on */
  abstainRate: number | null;
  outOfScopeRecall: number | null;
  heldOut: number;
  threshold: number;
  examples: number;
  /** examples per label (`oos` included when given) */
  labels: Record<string, number>;
  /** held-out precision and recall per label (absent: trained before it was measured, or nothing held out) */
  perLabel?: Record<string, { precision: number | null; recall: number | null; heldOut: number }>;
  trainMs: number;
}

export type ClassifierRow = Omit<typeof schema.classifiers.$inferSelect, 'model' | 'workspaceId'>;

const SUMMARY = {
  id: schema.classifiers.id, name: schema.classifiers.name, kind: schema.classifiers.kind, metrics: schema.classifiers.metrics,
  isActive: schema.classifiers.isActive, createdBy: schema.classifiers.createdBy, createdAt: schema.classifiers.createdAt,
};

/** `text,label` lines (RFC 4180 quoting; a first line `text,<anything>` is a header). Bad lines are reported with their number. */
export const parseExamplesCsv = (csv: string, path = '/body/csv'): { examples: ClassifierExample[]; problems: FieldProblem[] } => {
  const examples: ClassifierExample[] = [];
  const problems: FieldProblem[] = [];
  const records = csvRecords(csv);
  records.forEach((fields, i) => {
    // A header (`text,label`, or `text,category` as public intent sets have it) is not an example.
    if (i === 0 && fields.length === 2 && fields[0]!.trim().toLowerCase() === 'text') return;
    if (fields.length === 1 && fields[0]!.trim() === '') return;
    const label = fields.length >= 2 ? fields[fields.length - 1]!.trim() : '';
    // An unquoted comma inside the text: everything before the last field is the text.
    const text = fields.slice(0, -1).join(',').trim();
    if (!text || !label) problems.push({ path: `${path}/line/${i + 1}`, message: 'expected `text,label` with both filled in' });
    else examples.push({ text, label });
  });
  return { examples, problems };
};

const csvRecords = (csv: string): string[][] => {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(fields);
    fields = [];
  };
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  if (field !== '' || fields.length) endRecord();
  return records;
};

/** Refuses a training set that cannot make a useful classifier, saying where. */
export const checkExamples = (examples: readonly ClassifierExample[], path = '/body/examples'): void => {
  const labels = new Set(examples.map((e) => e.label.trim()).filter((l) => l && l !== OUT_OF_SCOPE));
  const problems: FieldProblem[] = [];
  if (examples.length < MIN_EXAMPLES) problems.push({ path, message: `needs at least ${MIN_EXAMPLES} examples, got ${examples.length}` });
  if (labels.size < MIN_LABELS) problems.push({ path, message: `needs at least ${MIN_LABELS} labels besides \`${OUT_OF_SCOPE}\`, got ${labels.size}` });
  if (problems.length) throw badRequest('Not enough examples to train a classifier', problems);
};

const labelCounts = (examples: readonly { label: string }[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const e of examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
  return counts;
};

const metricsOf = (c: CustomClassifier, labels: Record<string, number>, trainMs: number): ClassifierMetrics => ({
  accuracy: c.calibration.accuracyWhenAnswering,
  abstainRate: c.calibration.coverage === null ? null : Math.round((1 - c.calibration.coverage) * 10000) / 10000,
  outOfScopeRecall: c.calibration.outOfScopeRecall,
  heldOut: c.calibration.heldOut,
  threshold: c.threshold,
  examples: c.examples.total,
  labels,
  ...(c.calibration.perLabel ? { perLabel: c.calibration.perLabel } : {}),
  trainMs,
});

/** Trains an intent/topic classifier (pure, CPU) and measures it on the held-out share. */
export const trainWorkspaceClassifier = (examples: readonly ClassifierExample[], opts: { holdout?: number; path?: string } = {}) => {
  checkExamples(examples, opts.path);
  const started = performance.now();
  const labels = labelCounts(examples);
  // The held-out part only calibrates and measures (the model is then fit on everything): a small
  // set holds out more, so it still gets a calibrated threshold and measured metrics.
  const holdout = Math.min(0.5, Math.max(opts.holdout ?? 0.2, (HELD_OUT_WANTED + Object.keys(labels).length) / examples.length));
  const model = trainClassifier(examples, { holdoutFraction: holdout });
  return { model, metrics: metricsOf(model, labels, Math.round(performance.now() - started)) };
};

/** Stores a trained model as the active version of its name (the previous active version stays, inactive). */
export const saveClassifier = async (
  tx: Tx, workspaceId: string,
  input: { name: string; kind: ClassifierKind; model: CustomClassifier | NeedsResponseModel; metrics: ClassifierMetrics; createdBy: string | null },
): Promise<ClassifierRow> => {
  await tx.update(schema.classifiers).set({ isActive: false })
    .where(and(eq(schema.classifiers.workspaceId, workspaceId), sql`lower(${schema.classifiers.name}) = lower(${input.name})`, eq(schema.classifiers.isActive, true)));
  const [row] = await tx.insert(schema.classifiers).values({
    workspaceId, name: input.name, kind: input.kind, model: input.model as never, metrics: input.metrics as never, isActive: true, createdBy: input.createdBy,
  }).returning(SUMMARY);
  return row!;
};

export const listClassifiers = (tx: Tx, workspaceId: string): Promise<ClassifierRow[]> =>
  tx.select(SUMMARY).from(schema.classifiers).where(eq(schema.classifiers.workspaceId, workspaceId)).orderBy(schema.classifiers.name, desc(schema.classifiers.createdAt));

export const getClassifier = async (tx: Tx, workspaceId: string, id: string): Promise<ClassifierRow> => {
  const [row] = await tx.select(SUMMARY).from(schema.classifiers).where(and(eq(schema.classifiers.workspaceId, workspaceId), eq(schema.classifiers.id, id)));
  if (!row) throw notFound('Classifier');
  return row;
};

/** Makes an older version the active one again (a rollback after a bad retrain). */
export const activateClassifier = async (tx: Tx, workspaceId: string, id: string): Promise<ClassifierRow> => {
  const row = await getClassifier(tx, workspaceId, id);
  await tx.update(schema.classifiers).set({ isActive: false })
    .where(and(eq(schema.classifiers.workspaceId, workspaceId), sql`lower(${schema.classifiers.name}) = lower(${row.name})`, eq(schema.classifiers.isActive, true)));
  await tx.update(schema.classifiers).set({ isActive: true }).where(and(eq(schema.classifiers.workspaceId, workspaceId), eq(schema.classifiers.id, id)));
  return { ...row, isActive: true };
};

export const deleteClassifier = async (tx: Tx, workspaceId: string, id: string): Promise<ClassifierRow> => {
  const [row] = await tx.delete(schema.classifiers).where(and(eq(schema.classifiers.workspaceId, workspaceId), eq(schema.classifiers.id, id))).returning(SUMMARY);
  if (!row) throw notFound('Classifier');
  return row;
};

const rowsOf = async <T>(tx: Tx, query: ReturnType<typeof sql>): Promise<T[]> => ((await tx.execute(query)) as unknown as { rows: T[] }).rows;

/**
 * Examples from the tags agents put on conversations: the tag is the label, the conversation's
 * first inbound mention the text. Only the given labels count (case-insensitive); a conversation
 * with two of them is ambiguous and left out.
 */
export const tagExamples = async (tx: Tx, workspaceId: string, labels: readonly string[]): Promise<ClassifierExample[]> => {
  const wanted = labels.map((l) => l.toLowerCase());
  const rows = await rowsOf<{ label: string; text: string }>(tx, sql`
    select min(t.name) as label, min(m.text) as text
    from conversation_tags ct
    join tags t on t.id = ct.tag_id
    join lateral (
      select text from mentions m where m.conversation_id = ct.conversation_id and not m.is_own order by m.authored_at, m.id limit 1
    ) m on true
    where ct.workspace_id = ${workspaceId} and lower(t.name) in (select jsonb_array_elements_text(${JSON.stringify(wanted)}::jsonb))
    group by ct.conversation_id
    having count(*) = 1`);
  return rows.map((r) => ({ text: r.text, label: r.label }));
};

/**
 * The team's history of what needed a response: its corrections (`triage_feedback`, latest per
 * mention, which win), the first inbound mention of every answered conversation (yes) and of every
 * conversation closed without an answer (no).
 */
export const needsResponseExamples = async (tx: Tx, workspaceId: string): Promise<NeedsResponseExample[]> => {
  const rows = await rowsOf<{ text: string; answered: boolean }>(tx, sql`
    with feedback as (
      select distinct on (f.mention_id) f.mention_id, f.needs_response from triage_feedback f
      where f.workspace_id = ${workspaceId} order by f.mention_id, f.created_at desc, f.id desc
    ), history as (
      select distinct on (c.id) m.id as mention_id, (c.first_response_at is not null) as answered
      from conversations c join mentions m on m.conversation_id = c.id and not m.is_own
      where c.workspace_id = ${workspaceId} and not c.is_drill and (c.first_response_at is not null or c.status = 'closed')
      order by c.id, m.authored_at, m.id
    )
    select m.text, coalesce(f.needs_response, h.answered) as answered
    from mentions m
    left join feedback f on f.mention_id = m.id
    left join history h on h.mention_id = m.id
    where m.workspace_id = ${workspaceId} and (f.mention_id is not null or h.mention_id is not null)`);
  return rows;
};

/** Trains the workspace needs-response model; refuses (with why) when one side has no examples. */
export const trainWorkspaceNeedsResponse = (examples: readonly NeedsResponseExample[]) => {
  const answered = examples.filter((e) => e.answered).length;
  const dismissed = examples.length - answered;
  const problems: FieldProblem[] = [];
  if (examples.length < MIN_EXAMPLES) problems.push({ path: '/history', message: `needs at least ${MIN_EXAMPLES} answered or dismissed mentions, found ${examples.length}` });
  if (!answered || !dismissed) problems.push({ path: '/history', message: `needs both answered (${answered}) and dismissed (${dismissed}) mentions` });
  if (problems.length) throw badRequest('Not enough history to learn what needs a response', problems);
  const started = performance.now();
  const model = trainNeedsResponseModel(examples);
  return { model, metrics: metricsOf(model.classifier, { respond: answered, dismiss: dismissed }, Math.round(performance.now() - started)) };
};

/** What the pipeline applies to a workspace's new mentions. */
export interface WorkspaceModels {
  custom: { name: string; classifier: CustomClassifier }[];
  needsResponse: NeedsResponseModel | null;
}

export const NO_WORKSPACE_MODELS: WorkspaceModels = { custom: [], needsResponse: null };

/** `{[name]: {label | null, confidence}}` for each active intent/topic classifier. */
export const applyCustomClassifiers = (models: WorkspaceModels, text: string): Record<string, ClassifierPrediction> =>
  Object.fromEntries(models.custom.map(({ name, classifier }) => [name, predictClassifier(classifier, text)]));

/**
 * The active models per workspace, kept in memory. Each batch asks the database only which
 * versions are active (ids, a small indexed read); the models themselves load again only when
 * that set changed, so a retrain applies from the next batch on.
 */
export const createWorkspaceModelCache = (opts: { maxWorkspaces?: number } = {}) => {
  const max = opts.maxWorkspaces ?? 200;
  const cache = new Map<string, { key: string; models: WorkspaceModels }>();
  return async (tx: Tx, workspaceId: string): Promise<WorkspaceModels> => {
    const active = await tx.select({ id: schema.classifiers.id }).from(schema.classifiers)
      .where(and(eq(schema.classifiers.workspaceId, workspaceId), eq(schema.classifiers.isActive, true))).orderBy(schema.classifiers.id);
    const key = active.map((r) => r.id).join(',');
    const hit = cache.get(workspaceId);
    if (hit?.key === key) return hit.models;
    let models = NO_WORKSPACE_MODELS;
    let loadedKey = key;
    if (active.length) {
      const rows = await tx.select({ id: schema.classifiers.id, name: schema.classifiers.name, kind: schema.classifiers.kind, model: schema.classifiers.model }).from(schema.classifiers)
        .where(and(eq(schema.classifiers.workspaceId, workspaceId), eq(schema.classifiers.isActive, true))).orderBy(schema.classifiers.id);
      // Keyed by what was loaded: a retrain between the two reads is picked up by the next batch.
      loadedKey = rows.map((r) => r.id).join(',');
      const custom = rows.filter((r) => r.kind !== 'needs_response' && r.model.format === 'lookout-classifier/1');
      const needs = rows.find((r) => r.kind === 'needs_response' && r.model.format === 'lookout-needs-response/1');
      models = {
        custom: custom.map((r) => ({ name: r.name, classifier: r.model as unknown as CustomClassifier })).sort((a, b) => a.name.localeCompare(b.name)),
        needsResponse: (needs?.model as unknown as NeedsResponseModel | undefined) ?? null,
      };
    }
    cache.delete(workspaceId);
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(workspaceId, { key: loadedKey, models });
    return models;
  };
};

/**
 * The enrich stage's triage: one tokenisation and one hashed featurisation per mention, scored by
 * the shipped sentiment, complaint and intent models, plus language, urgency cues, influence and a
 * weighted priority with reasons. Pure and synchronous; models load once per process.
 */
import { decideIntent } from './intent.ts';
import { buildLanguageDetector, languageText, type LanguageDetector, type LanguageProfilesJson } from './language/detect-language.ts';
import { fuseModels } from './linear/fused-scorer.ts';
import type { LinearModel } from './linear/linear-model.ts';
import { softmaxInPlace } from './linear/train-linear.ts';
import { computePriority, urgencyOf } from './priority.ts';
import { appendSignalFeatures, textSignals } from './recipes/signal-features.ts';
import { SHIPPED_FEATURES } from './recipes/shared-features.ts';
import { resolveWeights, type TriageWeights, type TriageWeightsOverride } from './settings.ts';
import { loadShippedJson, loadShippedModel } from './shipped-models.ts';
import { INTENTS, type Intent } from './signals/intent-rules.ts';
import { scoreInfluence } from './signals/influence.ts';
import type { CueHit } from './signals/urgency-cues.ts';
import { blendNeedsResponse } from './custom/needs-response.ts';
import { FeatureVector, featurize } from './text/features.ts';
import { tokenize } from './text/tokenize.ts';
import type { Sentiment, TriageContext, TriageInput, TriageResult } from './types.ts';

export interface Triage {
  /**
   * What the text alone says (tokens, the three models, rule hits, cues, language): most of the
   * cost, and independent of the conversation, so the pipeline can run it for the next batch while
   * the database writes the current one.
   */
  analyze(text: string): TextAnalysis;
  /** The whole triage; `analysis`: what `analyze` gave for the same text, if it ran already. */
  enrich(input: TriageInput, ctx?: TriageContext, analysis?: TextAnalysis): TriageResult;
}

/** What `analyze` found in one text. Opaque to callers: handed back to `enrich`. */
export interface TextAnalysis {
  readonly text: string;
  readonly sentimentProbs: readonly [number, number, number];
  readonly complaintProb: number;
  /** Intent probabilities after the rules (decideIntent), in INTENTS order. */
  readonly intentProbs: Float64Array;
  readonly intent: { intent: Intent; score: number };
  readonly cues: readonly CueHit[];
  readonly language: { language: string; confidence: number };
  readonly words: number;
  readonly emoji: number;
}

export interface TriageModels {
  sentiment: LinearModel;
  complaint: LinearModel;
  intent: LinearModel;
  language: LanguageDetector;
}

/** How likely each intent is to need a person's answer. */
const INTENT_NEEDS_RESPONSE: Record<Intent, number> = {
  question: 0.85, complaint: 0.9, bug_report: 0.9, outage_report: 0.9, billing: 0.9, churn_risk: 0.95,
  purchase_intent: 0.8, feature_request: 0.5, praise: 0.3, other: 0.1, spam: 0,
};
const SENTIMENTS: Sentiment[] = ['negative', 'neutral', 'positive'];
const SPAM = INTENTS.indexOf('spam');

let shipped: TriageModels | undefined;
export const loadTriageModels = (): TriageModels =>
  (shipped ??= {
    sentiment: loadShippedModel('sentiment'),
    complaint: loadShippedModel('complaint'),
    intent: loadShippedModel('intent'),
    language: buildLanguageDetector(loadShippedJson<LanguageProfilesJson>('language')),
  });

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const isWeights = (w: TriageWeights | TriageWeightsOverride): w is TriageWeights =>
  typeof w.base === 'number' && !!w.intent && Object.keys(w.intent).length === INTENTS.length && !!w.urgency && !!w.tier;

export const createTriage = (opts: { models?: TriageModels } = {}): Triage => {
  const models = opts.models ?? loadTriageModels();
  const fv = new FeatureVector();
  // sentiment (3) | complaint (2) | intent (11), scored in one pass over one interleaved table
  const fused = fuseModels([models.sentiment, models.complaint, models.intent]);
  const logits = new Float64Array(fused.width);
  const extra = new Float64Array(fused.width);
  const sp = new Float64Array(3);
  const cp = new Float64Array(2);
  const ip = new Float64Array(INTENTS.length);
  const [, C0, I0] = fused.offsets as [number, number, number];
  let lastOverride: TriageWeightsOverride | undefined;
  let lastWeights = resolveWeights();

  const weightsFor = (w?: TriageWeights | TriageWeightsOverride): TriageWeights => {
    if (!w) return resolveWeights();
    if (isWeights(w)) return w;
    if (w !== lastOverride) {
      lastOverride = w;
      lastWeights = resolveWeights(w);
    }
    return lastWeights;
  };

  const analyze = (text: string): TextAnalysis => {
    const tokens = tokenize(text);
    featurize(tokens, SHIPPED_FEATURES, fv);

    const signals = textSignals(tokens.norm);
    fused.score(fv, logits);
    for (let k = 0; k < 3; k++) sp[k] = logits[k]!;
    softmaxInPlace(sp);
    // complaint and intent also read the sentiment probabilities, rule hits and cues as extra features
    const base = fv.size;
    appendSignalFeatures(fv, sp, signals);
    fused.score(fv, extra, base);
    for (let k = 0; k < 2; k++) cp[k] = logits[C0 + k]! + extra[C0 + k]!;
    softmaxInPlace(cp);
    const complaintProb = cp[1]!;
    for (let k = 0; k < INTENTS.length; k++) ip[k] = logits[I0 + k]! + extra[I0 + k]!;
    const intent = decideIntent(ip, signals.hits, complaintProb, sp[2]!);
    // ip now holds the intent probabilities
    return {
      text,
      sentimentProbs: [sp[0]!, sp[1]!, sp[2]!],
      complaintProb,
      intentProbs: Float64Array.from(ip),
      intent,
      cues: signals.cues,
      language: models.language(languageText(tokens.words)),
      words: wordCount(tokens.words),
      emoji: tokens.stats.emoji,
    };
  };

  const enrich = (input: TriageInput, ctx: TriageContext = {}, analysis?: TextAnalysis): TriageResult => {
    const text = typeof input?.text === 'string' ? input.text : '';
    const weights = weightsFor(ctx.weights);
    const a = analysis?.text === text ? analysis : analyze(text);
    const sp = a.sentimentProbs;
    const ip = a.intentProbs;
    const { complaintProb, intent } = a;

    let needs = 0;
    for (let k = 0; k < INTENTS.length; k++) needs += ip[k]! * INTENT_NEEDS_RESPONSE[INTENTS[k]!];
    needs = Math.max(needs, 0.9 * complaintProb) * (1 - ip[SPAM]!);
    if (ctx.needsResponseModel) needs = blendNeedsResponse(needs, ctx.needsResponseModel, text);

    let best = 0;
    for (let k = 1; k < 3; k++) if (sp[k]! > sp[best]!) best = k;
    const sentiment = SENTIMENTS[best]!;

    const lang = a.language;
    const cues: CueHit[] = [...a.cues];
    if ((ctx.repeatContacts ?? 0) > 0) {
      const i = cues.findIndex((c) => c.cue === 'repeated_contact');
      const hit = { cue: 'repeated_contact' as const, evidence: `contacted ${ctx.repeatContacts! + 1} times` };
      if (i >= 0) cues[i] = hit;
      else cues.push(hit);
    }
    let waitingMinutes = 0;
    if (typeof ctx.waitingSinceMs === 'number' && Number.isFinite(ctx.waitingSinceMs)) {
      const now = ctx.now === undefined ? Date.now() : typeof ctx.now === 'number' ? ctx.now : ctx.now.getTime();
      waitingMinutes = Math.max(0, (now - ctx.waitingSinceMs) / 60000);
      if (waitingMinutes >= 1) cues.push({ cue: 'waiting', evidence: `waiting ${formatMinutes(waitingMinutes)}` });
    }
    const influence = scoreInfluence(input?.author, input?.engagement);

    // how much text there was to go on: words (one huge "word" is garbage), emoji alone say a little;
    // the text models learnt English, so another language halves it
    const foreign = lang.language !== 'en' && lang.language !== 'und' && lang.confidence > 0.5;
    const confidence = (Math.min(1, a.words / 6) * 0.9 + Math.min(0.1, a.emoji * 0.05)) * (foreign ? 0.5 : 1);
    const isComplaint = complaintProb >= weights.complaintThreshold;
    const needsResponse = needs >= weights.needsResponseThreshold;
    const { priority, factors } = computePriority({
      sentiment, negativeProb: sp[0]!, complaintProb, isComplaint, needsResponseProb: needs, needsResponse,
      intent: intent.intent, intentScore: intent.score, cues, waitingMinutes, influence, customer: ctx.customer,
    }, weights);

    return {
      language: lang.language,
      languageConfidence: lang.confidence,
      sentiment,
      sentimentScore: r3(sp[2]! - sp[0]!),
      sentimentProbabilities: { negative: r3(sp[0]!), neutral: r3(sp[1]!), positive: r3(sp[2]!) },
      complaint: isComplaint,
      complaintScore: r3(complaintProb),
      intent: intent.intent,
      intentScore: r3(intent.score),
      needsResponse,
      needsResponseScore: r3(needs),
      urgency: r3(urgencyOf(cues, waitingMinutes, weights.waitingFullAfterMinutes)),
      urgencyCues: cues,
      influence: r3(influence.score),
      priority,
      reasons: factors.filter((f) => f.factor !== 'base').map((f) => f.reason),
      factors,
      confidence: r3(confidence),
    };
  };
  return { analyze, enrich };
};

/** words that look like words: start with a letter (any script), at most 25 characters */
const wordCount = (words: readonly string[]): number => {
  let n = 0;
  for (const w of words) {
    if (w.length > 25 || w === 'http') continue;
    const c = w.charCodeAt(0);
    if ((c >= 97 && c <= 122) || (c >= 0xc0 && c < 0x2000) || (c >= 0x3040 && c < 0xd800) || (c >= 0xf900 && c < 0xfff0)) n++;
  }
  return n;
};

const formatMinutes = (m: number): string =>
  m < 90 ? `${Math.round(m)} min` : m < 48 * 60 ? `${(m / 60).toFixed(1).replace(/\.0$/, '')} h` : `${Math.round(m / 1440)} days`;

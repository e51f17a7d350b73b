/** A triaged mention as the detector sees it. Only id, text and createdAt are required. */
export interface DetectorMention {
  id: string;
  text: string;
  createdAt: Date;
  /** A label, or a score in [-1, 1] (below -0.25 counts as negative). */
  sentiment?: 'negative' | 'neutral' | 'positive' | number;
  complaint?: boolean;
  /** `id` (any stable author key) lets the detector tell one loud author from many. */
  author?: { id?: string; followers?: number };
}

/** The series a signal is about. */
export type SeriesKind = 'volume' | 'negative' | 'complaint' | 'term';

/** One surprising count: what was seen in a window against what the baseline expected. */
export interface Signal {
  series: SeriesKind;
  /** The term, for term signals. */
  term?: string;
  windowStart: Date;
  windowMinutes: number;
  observed: number;
  expected: number;
  /** Upper edge of the expected band: counts above it are surprising at the alert threshold. */
  upper: number;
  /** -log10 of the upper-tail probability of the observed count under the baseline. */
  surprise: number;
}

/** The recent history of the alert's main series, bucket by bucket, with its expected band. */
export interface AlertSeries {
  name: string;
  bucketMinutes: number;
  start: Date;
  observed: number[];
  expected: number[];
  upper: number[];
}

/** What people are saying in a spike: mentions grouped by the salient terms they share. */
export interface Topic {
  label: string;
  terms: string[];
  size: number;
  mentionIds: string[];
}

export interface Alert {
  detectedAt: Date;
  windowStart: Date;
  /** 1 (barely unusual) to 10 (large, negative, complaining, far-reaching). */
  severity: number;
  /** The strongest signal's series. */
  kind: SeriesKind;
  observed: number;
  expected: number;
  upper: number;
  surprise: number;
  terms: string[];
  /** Examples of the mentions behind the spike, newest first within each topic (at most `maxAlertMentions`). */
  mentionIds: string[];
  /** How many (sampled) mentions were in the spiking series, topics or not. */
  mentionCount: number;
  topics: Topic[];
  signals: Signal[];
  series: AlertSeries;
}

export interface DetectorOptions {
  /** Width of one time bucket; alerts are raised when a bucket closes. */
  bucketMinutes: number;
  /** Window lengths, in buckets, tested at each close: short windows catch bursts, long ones slow rises. */
  windowBuckets: number[];
  /** Minimum surprise (-log10 p) for volume, negative share and complaint signals. */
  surpriseThreshold: number;
  /** Minimum surprise for a term; higher because many terms are tested at every close. */
  termSurpriseThreshold: number;
  /** A signal at least this many times its threshold skips the persistence wait. */
  strongFactor: number;
  /** Minimum mentions in the window for a volume signal. */
  minVolume: number;
  /** Minimum mentions containing a term in the window for a term signal. */
  minTermCount: number;
  /**
   * Minimum different texts (ignoring handles and links), and different authors when authors are
   * known, behind a term signal: one bot or one person repeating a message is not an emerging issue.
   */
  minDistinct: number;
  /** Minimum observed / expected ratio for a term (effect size), so a huge stream does not alert on tiny shifts. */
  minLift: number;
  /** Minimum observed / expected ratio for volume and for the negative and complaint shares. */
  minVolumeLift: number;
  /** Consecutive closes a signal must stay surprising before it alerts. */
  persistence: number;
  /** After an alert, its signals and terms stay quiet this long. */
  cooldownMinutes: number;
  /** Hours of history before volume alerts (the seasonal baseline needs a day to mean anything). */
  warmupHours: number;
  /** Mentions of history before term and share alerts. */
  warmupMentions: number;
  /** Half-life of the seasonal volume baseline. */
  seasonalHalfLifeDays: number;
  /** Half-life of the term and share baselines. */
  termHalfLifeHours: number;
  /** Bound on the term table; the rarest terms are pruned beyond it. */
  maxTerms: number;
  /** Bound on the mentions kept per bucket for examples and topics (a uniform sample beyond it). */
  maxMentionsPerBucket: number;
  maxAlertMentions: number;
  maxTopics: number;
}

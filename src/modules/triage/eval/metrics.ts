/** Classification metrics used by the eval (macro recall, macro F1, accuracy). */
export interface Confusion {
  labels: string[];
  /** counts[truth][predicted] */
  counts: number[][];
}

export const confusion = (truth: readonly string[], predicted: readonly string[], labels?: string[]): Confusion => {
  const ls = labels ?? [...new Set([...truth, ...predicted])].sort();
  const idx = new Map(ls.map((l, i) => [l, i]));
  const counts = ls.map(() => ls.map(() => 0));
  truth.forEach((t, i) => {
    const a = idx.get(t);
    const b = idx.get(predicted[i]!);
    if (a !== undefined && b !== undefined) counts[a]![b]!++;
  });
  return { labels: ls, counts };
};

const perClass = (c: Confusion) =>
  c.labels.map((_, i) => {
    const tp = c.counts[i]![i]!;
    const support = c.counts[i]!.reduce((a, b) => a + b, 0);
    const predicted = c.counts.reduce((a, row) => a + row[i]!, 0);
    const recall = support ? tp / support : 0;
    const precision = predicted ? tp / predicted : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { recall, precision, f1, support };
  });

export const macroRecall = (c: Confusion): number => {
  const pc = perClass(c).filter((x) => x.support > 0);
  return pc.reduce((a, x) => a + x.recall, 0) / pc.length;
};

export const macroF1 = (c: Confusion): number => {
  const pc = perClass(c).filter((x) => x.support > 0);
  return pc.reduce((a, x) => a + x.f1, 0) / pc.length;
};

export const accuracy = (truth: readonly unknown[], predicted: readonly unknown[]): number =>
  truth.length ? truth.filter((t, i) => t === predicted[i]).length / truth.length : 0;

export const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

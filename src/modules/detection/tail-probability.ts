/**
 * Upper-tail probabilities of count distributions, in log space so that very small
 * probabilities (1e-40) stay exact enough to rank spikes by surprise.
 *
 * The detector models a count X with mean `mean` as negative binomial with `size` r
 * (variance mean + mean²/r); a size of Infinity is Poisson.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

export const logGamma = (x: number): number => {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
};

const EPS = 1e-14;
const TINY = 1e-300;
const MAX_ITER = 500;

/** Continued fraction for the incomplete beta (Lentz), as in Numerical Recipes `betacf`. */
const betaContinuedFraction = (a: number, b: number, x: number): number => {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
};

/** ln of the regularized incomplete beta I_x(a, b). */
export const logIncompleteBeta = (x: number, a: number, b: number): number => {
  if (x <= 0) return -Infinity;
  if (x >= 1) return 0;
  const logFront =
    a * Math.log(x) + b * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  if (x < (a + 1) / (a + b + 2)) return logFront + Math.log(betaContinuedFraction(a, b, x)) - Math.log(a);
  const complement = Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x) / b;
  return Math.log(Math.max(1 - complement, TINY));
};

/** ln of the regularized lower incomplete gamma P(a, x), by its series (used where x < a + 1). */
const logLowerGammaSeries = (a: number, x: number): number => {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n <= MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPS) break;
  }
  return -x + a * Math.log(x) - logGamma(a) + Math.log(sum);
};

/** ln of the regularized upper incomplete gamma Q(a, x), by its continued fraction (x >= a + 1). */
const logUpperGammaFraction = (a: number, x: number): number => {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return -x + a * Math.log(x) - logGamma(a) + Math.log(h);
};

/** ln P(X >= k) for X ~ Poisson(mean). */
export const logPoissonUpperTail = (k: number, mean: number): number => {
  if (k <= 0) return 0;
  if (mean <= 0) return -Infinity;
  // P(X >= k) = P(k, mean), the regularized lower gamma.
  if (mean < k + 1) return logLowerGammaSeries(k, mean);
  return Math.log(Math.max(1 - Math.exp(logUpperGammaFraction(k, mean)), TINY));
};

/** Above this size the negative binomial is indistinguishable from the Poisson. */
const POISSON_SIZE = 1e7;

/** ln P(X >= k) for X ~ NegativeBinomial(mean, size). */
export const logUpperTail = (k: number, mean: number, size: number): number => {
  if (k <= 0) return 0;
  if (mean <= 0) return -Infinity;
  if (!(size < POISSON_SIZE)) return logPoissonUpperTail(k, mean);
  // P(X <= k-1) = I_p(size, k) with p = size/(size+mean), so P(X >= k) = I_{1-p}(k, size).
  return logIncompleteBeta(mean / (size + mean), k, size);
};

/** Surprise of observing k or more: -log10 P(X >= k). */
export const surprise = (k: number, mean: number, size: number): number => {
  const logTail = logUpperTail(k, mean, size);
  return logTail === 0 ? 0 : -logTail / Math.LN10;
};

/**
 * The upper edge of the expected band: the largest count u with P(X >= u) >= 10^-threshold,
 * i.e. counts above u are surprising at that threshold.
 */
export const upperBound = (mean: number, size: number, threshold: number): number => {
  if (mean <= 0) return 0;
  const isSurprising = (k: number): boolean => surprise(k, mean, size) >= threshold;
  let hi = Math.max(1, Math.ceil(mean));
  while (!isSurprising(hi)) hi *= 2;
  let lo = 0; // P(X >= 0) = 1 is never surprising.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (isSurprising(mid)) hi = mid;
    else lo = mid;
  }
  return lo;
};

/** Size of a negative binomial whose squared coefficient of variation adds the given parts. */
export const sizeFromDispersion = (...inverseSizes: number[]): number => {
  const total = inverseSizes.reduce((sum, v) => sum + Math.max(0, v), 0);
  return total > 0 ? 1 / total : Infinity;
};

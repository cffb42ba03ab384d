/**
 * L2-regularised logistic regression by gradient descent on standardised inputs, for the fit scripts
 * (fit-listed.ts, fit-confidence.ts). Optional sign constraints keep each weight on the side its
 * feature's meaning allows, so a fitted model stays explainable.
 */

export interface Logistic {
  bias: number;
  /** Weights in raw (unstandardised) units, one per feature. */
  weights: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Fits y ~ sigmoid(bias + w·x). `signs[j]` = 1 or -1 constrains weight j to that sign (0 = free);
 * `off[j]` forces weight j to zero (ablations). Deterministic: same rows, same weights.
 */
export function fitLogistic(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  lambda: number,
  signs: readonly number[] = [],
  off: readonly boolean[] = [],
  steps = 4000,
): Logistic {
  const d = xs[0]?.length ?? 0;
  const n = xs.length;
  const mean = Array.from({ length: d }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / n);
  const sd = Array.from({ length: d }, (_, j) => {
    const v = xs.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / n;
    return Math.sqrt(v) || 1;
  });
  const z = xs.map((x) => x.map((v, j) => (v - mean[j]!) / sd[j]!));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const rate = 0.1;
  for (let step = 0; step < steps; step++) {
    const gw = w.map((wj) => lambda * wj);
    let gb = 0;
    z.forEach((zi, i) => {
      const e = (sigmoid(b + zi.reduce((s, v, j) => s + v * w[j]!, 0)) - ys[i]!) / n;
      gb += e;
      zi.forEach((v, j) => {
        gw[j]! += e * v;
      });
    });
    b -= rate * gb;
    for (let j = 0; j < d; j++) {
      const next = w[j]! - rate * gw[j]!;
      const sign = signs[j] ?? 0;
      w[j] = off[j] || (sign !== 0 && next * sign <= 0) ? 0 : next;
    }
  }
  return {
    bias: b - w.reduce((s, wj, j) => s + (wj * mean[j]!) / sd[j]!, 0),
    weights: w.map((wj, j) => wj / sd[j]!),
  };
}

/** The model's probability for one input. */
export function predictLogistic(model: Logistic, x: readonly number[]): number {
  return sigmoid(model.weights.reduce((s, w, j) => s + w * x[j]!, model.bias));
}

/** k folds by position (row i in fold i mod k). */
export function folds<T>(rows: readonly T[], k: number): { train: T[]; test: T[]; testIndex: number[] }[] {
  return Array.from({ length: k }, (_, f) => ({
    train: rows.filter((_, i) => i % k !== f),
    test: rows.filter((_, i) => i % k === f),
    testIndex: rows.map((_, i) => i).filter((i) => i % k === f),
  }));
}

/** A fixed pseudo-random permutation of 0..n-1 (a linear congruential generator from `seed`). */
export function permutation(n: number, seed: number): number[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const keys = Array.from({ length: n }, (_, i) => [next(), i] as const);
  return keys.sort((a, b) => a[0] - b[0]).map(([, i]) => i);
}

/**
 * Repeated k-fold: `repeats` different fixed shufflings of the rows (seeds firstSeed, firstSeed + 1, …),
 * each cut into k folds, so that a figure read from out-of-fold predictions does not hang on one way of
 * cutting a small set.
 */
export function repeatedFolds<T>(
  rows: readonly T[],
  k: number,
  repeats: number,
  firstSeed = 1,
): { train: T[]; test: T[]; testIndex: number[] }[] {
  return Array.from({ length: repeats }, (_, r) => {
    const order = permutation(rows.length, firstSeed + r);
    return Array.from({ length: k }, (_, f) => {
      const testIndex = order.filter((_, pos) => pos % k === f);
      const trainIndex = order.filter((_, pos) => pos % k !== f);
      return {
        train: trainIndex.map((i) => rows[i]!),
        test: testIndex.map((i) => rows[i]!),
        testIndex,
      };
    });
  }).flat();
}

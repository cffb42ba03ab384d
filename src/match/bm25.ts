/**
 * The BM25 arithmetic of the task check, in one place: inverse document frequency, term-frequency
 * saturation and length normalisation (Robertson & Zaragoza's Okapi BM25, the "plus one" idf that is
 * never negative). The index (item-index.ts) and the names baseline (bench/baselines.ts) both use it.
 */

/** idf of a term held by `df` of `n` documents. */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Saturated term frequency: tf·(k1+1)/(tf+k1), so a term said five times is not five times the evidence. */
export function saturate(tf: number, k1: number): number {
  return (tf * (k1 + 1)) / (tf + k1);
}

/** Length normaliser 1 − b + b·length/average: divide a term frequency by it before saturating. */
export function lengthNorm(length: number, average: number, b: number): number {
  return 1 - b + (b * length) / average;
}

/** One term's BM25 weight in one document. */
export function bm25Term(
  idf: number,
  tf: number,
  length: number,
  average: number,
  k1: number,
  b: number,
): number {
  return idf * saturate(tf / lengthNorm(length, average, b), k1);
}

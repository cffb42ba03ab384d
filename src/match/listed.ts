/**
 * Is the task covered by the lists at all? A small logistic model over a few features of the best
 * candidate and of the task, instead of one threshold on one score:
 *  - how strongly and how completely the item explains the task (score, coverage);
 *  - distinctive-term evidence: what the item's NAME explains, its rarest matched term, how many task
 *    words it explains (an exact hit on 双拥 or 接诉即办 is near-decisive on its own);
 *  - the lead over the runner-up;
 *  - signs that the task lies outside the lists (cues.ts).
 * The weights are fitted by `npx tsx bench/fit-listed.ts` on the tuning part of the dev cases only
 * (cross-validated L2 logistic regression) and pasted here; every feature is monotone in the direction
 * its name says, so the model stays explainable.
 */
import type { Candidate, Ranking } from "./rank.ts";

export const FEATURE_NAMES = [
  "score",
  "coverage",
  "nameCoverage",
  "nameBest",
  "nameUnits",
  "margin",
  "unknownBody",
  "countySeat",
  "sales",
  "quota",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** The direction each feature may push: evidence of a match up, signs of outside-the-lists down. */
export const FEATURE_SIGNS: Record<FeatureName, 1 | -1> = {
  score: 1,
  coverage: 1,
  nameCoverage: 1,
  nameBest: 1,
  nameUnits: 1,
  margin: 1,
  unknownBody: -1,
  countySeat: -1,
  sales: -1,
  quota: -1,
};

/** The model's inputs for one task and its best candidate, in FEATURE_NAMES order. */
export function listedFeatures(ranking: Ranking, candidate: Candidate | undefined): number[] {
  const cues = ranking.cues;
  const c = candidate;
  const runnerUp = ranking.candidates.find((x) => x !== c);
  const margin = c && runnerUp ? Math.max(0, (c.score - runnerUp.score) / c.score) : c ? 1 : 0;
  const values: Record<FeatureName, number> = {
    score: c ? Math.log1p(c.score) : 0,
    coverage: c?.coverage ?? 0,
    nameCoverage: c?.nameCoverage ?? 0,
    nameBest: c?.nameBest ?? 0,
    nameUnits: Math.min(4, c?.nameUnits ?? 0),
    margin,
    unknownBody: cues.unknownBodies.length ? 1 : 0,
    countySeat: cues.countySeat ? 1 : 0,
    sales: cues.sales ? 1 : 0,
    quota: cues.quota ? 1 : 0,
  };
  return FEATURE_NAMES.map((f) => values[f]);
}

export interface ListedModel {
  bias: number;
  weights: Record<FeatureName, number>;
}

/** Fitted by bench/fit-listed.ts on the tuning part of the dev cases (see its output). */
export const LISTED_MODEL: ListedModel = {
  bias: -15.74,
  weights: {
    score: 3.34,
    coverage: 0.97,
    nameCoverage: 0.9,
    nameBest: 10.01,
    nameUnits: 1.29,
    margin: 0,
    unknownBody: -7.48,
    countySeat: -2.66,
    sales: -2.6,
    quota: 0,
  },
};

/** Probability that the task is covered by the lists (through this candidate), 0..1. */
export function listedProbability(
  ranking: Ranking,
  candidate: Candidate | undefined,
  model: ListedModel = LISTED_MODEL,
): number {
  const x = listedFeatures(ranking, candidate);
  let z = model.bias;
  FEATURE_NAMES.forEach((f, i) => {
    z += model.weights[f] * x[i]!;
  });
  return 1 / (1 + Math.exp(-z));
}

/**
 * How sure an answer is, as a calibrated probability that it is right (the verdict, and the item when
 * it names one), and whether a person should confirm it. A logistic model over what the ranking shows:
 *  - how decided the listed model is (its log-odds, signed for the answer given);
 *  - the answer's strength: score and coverage;
 *  - the margin to the runner-up, and to the best item of another list (a near miss across lists is
 *    where wrong answers live);
 *  - whether the task carries outside-the-lists cues, or, answered unlisted, asks for a licence whose
 *    kind the nearest item does not name (licences.ts; tune 6×5-fold CV log-loss 0.306 → 0.303, CV
 *    coverage at 97 % 58.6 → 60.6 %) or sets villages a head count (cues.ts `quota`; 0.284 → 0.280,
 *    63.6 → 64.7 %). A quota does not count against a listed answer: the lists hold quota tasks that
 *    county departments took back (两癌筛查人数任务);
 *  - how steady the answer is: the share of the task's words that the item explains without any one of
 *    which it stands (check.ts `steadiness`; an answer one word decides is fragile). Chosen on tune as a
 *    yes/no (6×5-fold CV log-loss 0.325 → 0.307, CV coverage at 97 % precision 55.0 → 63.4 %), then as
 *    the share (0.290 → 0.284, 61.7 → 63.6 %);
 *  - whether the task names county departments of which none leads or took over the answered item
 *    (who acts, issue 10): chosen on tune, 6×5-fold CV log-loss 0.308 → 0.284 (coverage at 97 % 61.5 →
 *    61.8 %).
 * The answered list, the name's coverage, the task's length and a shared act were tried as further
 * features: better log-loss on tune, but confidently wrong answers above the review threshold, so they
 * are left out (bench/fit-confidence.ts --without). The rarest word the name matches (nameBest) was a
 * feature until the listed model took the single-word feature: then it raised the CV log-loss in 30 of 30
 * fresh shufflings (`--paired nameBest`), and without it the tune CV log-loss went 0.276 → 0.273 and the
 * coverage at 97 % 64.8 → 65.1 %, so it went. (Steadiness, worse by log-loss but better by coverage
 * in the same check, stays.)
 * Fitted by `npx tsx bench/fit-confidence.ts --write` on the tune part of the labelled files the engine
 * was never shaped on (bench/cases.ts FIT_SOURCES), into fitted/confidence-model.json; the review
 * threshold is chosen there, on cross-validated predictions, so that answers above it are right at least
 * REVIEW_PRECISION of the time plus a margin: a threshold read off the same predictions it is judged on
 * is optimistic (on tune, nested CV put answers above the margin-0 threshold at 96.4 % right), and the
 * margin is the smallest that nested CV finds enough.
 */
import { readFileSync } from "node:fs";
import { type Item, involvesAnyOf } from "../domain/edition.ts";
import type { Candidate, Ranking } from "./rank.ts";

export const CONFIDENCE_FEATURES = [
  "listedLogit",
  "unlisted",
  "score",
  "coverage",
  "margin",
  "crossListMargin",
  "cue",
  "steadiness",
  "otherDepartment",
] as const;
export type ConfidenceFeature = (typeof CONFIDENCE_FEATURES)[number];

export interface ConfidenceModel {
  bias: number;
  weights: Record<ConfidenceFeature, number>;
  /** Answers with a confidence below this need review. */
  reviewThreshold: number;
}

/** The precision that answers left without review must reach (issue 10). */
export const REVIEW_PRECISION = 0.97;

const clampLogit = (p: number) => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

/**
 * The model's inputs for one answer, in CONFIDENCE_FEATURES order. `chosen` is the answered item (null
 * for unlisted), `lead` the item the listed model judged (the best candidate), `probability` its output.
 */
export function confidenceFeatures(
  ranking: Ranking,
  lead: Candidate | undefined,
  chosen: Candidate | null,
  probability: number,
  steadiness: number,
): number[] {
  const c = chosen ?? lead;
  const others = ranking.candidates.filter((x) => x !== c);
  const next = others[0];
  const otherList = c ? others.find((x) => x.item.list !== c.item.list) : undefined;
  const rel = (x: Candidate | undefined) => (c && x && c.score > 0 ? Math.max(0, 1 - x.score / c.score) : 1);
  const { unknownBodies, countySeat, secondment, sales, enterprise, quota } = ranking.cues;
  const values: Record<ConfidenceFeature, number> = {
    listedLogit: (chosen ? 1 : -1) * clampLogit(probability),
    unlisted: chosen ? 0 : 1,
    score: c ? Math.log1p(c.score) : 0,
    coverage: c?.coverage ?? 0,
    margin: rel(next),
    crossListMargin: rel(otherList),
    cue:
      unknownBodies.length ||
      countySeat ||
      secondment ||
      sales ||
      enterprise ||
      (!chosen && (lead?.missesLicenceKind || quota))
        ? 1
        : 0,
    steadiness,
    otherDepartment: chosen && namesOnlyOthers(ranking.cues.namedDepartments, chosen.item) ? 1 : 0,
  };
  return CONFIDENCE_FEATURES.map((f) => values[f]);
}

/**
 * True when the task names county departments and none of them leads (cooperative) or took over
 * (reclaimed) the answered item: the task is another department's work that merely reads like this item.
 * Basic items have no department, so they never count.
 */
export function namesOnlyOthers(named: readonly string[], item: Item): boolean {
  if (item.list === "basic" || named.length === 0) return false;
  return !involvesAnyOf(item, named);
}

/** Where bench/fit-confidence.ts --write stores the model. */
export const CONFIDENCE_MODEL_FILE = new URL("./fitted/confidence-model.json", import.meta.url);

/** The fitted model (see the file's `provenance`). */
export const CONFIDENCE_MODEL: ConfidenceModel = (() => {
  const stored = JSON.parse(readFileSync(CONFIDENCE_MODEL_FILE, "utf8")) as ConfidenceModel;
  for (const f of CONFIDENCE_FEATURES) {
    if (typeof stored.weights[f] !== "number") {
      throw new Error(`${CONFIDENCE_MODEL_FILE.pathname}: no weight for ${f}`);
    }
  }
  return { bias: stored.bias, weights: stored.weights, reviewThreshold: stored.reviewThreshold };
})();

/** Probability that the answer is right, 0..1, from its features. */
export function confidenceOf(x: readonly number[], model: ConfidenceModel = CONFIDENCE_MODEL): number {
  let z = model.bias;
  CONFIDENCE_FEATURES.forEach((f, i) => {
    z += model.weights[f] * x[i]!;
  });
  return 1 / (1 + Math.exp(-z));
}

/**
 * Confidence in words, as pages say it (高/中/低). 高 = no review needed (at or above the review threshold,
 * where answers are right at least 97 % of the time); 中 = needs review but likely right; 低 = below
 * MEDIUM_CONFIDENCE. The one place these thresholds live.
 */
export type ConfidenceLevel = "high" | "medium" | "low";
export const MEDIUM_CONFIDENCE = 0.6;
export const CONFIDENCE_LEVEL_LABELS: Record<ConfidenceLevel, string> = {
  high: "高",
  medium: "中",
  low: "低",
};

/** The level of an answer; `needs_review` decides 高 so that the words never contradict 待人工确认. */
export function confidenceLevel(answer: { confidence: number; needs_review: boolean }): ConfidenceLevel {
  if (!answer.needs_review) return "high";
  return answer.confidence >= MEDIUM_CONFIDENCE ? "medium" : "low";
}

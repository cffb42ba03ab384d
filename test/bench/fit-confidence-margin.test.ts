/**
 * bench/fit-confidence.ts reviewMargin: the review threshold's margin over REVIEW_PRECISION is the
 * smallest with which the threshold, chosen on part of the rows, keeps REVIEW_PRECISION on the rest.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fitConfidence, NESTED_SEED, reviewMargin, reviewThreshold } from "../../bench/fit-confidence.ts";
import { predictLogistic, repeatedFolds } from "../../bench/logistic.ts";
import { CONFIDENCE_FEATURES, REVIEW_PRECISION } from "../../src/match/index.ts";

// Answers whose first feature says whether they are likely right (the rest is noise), with one in 23 of
// the likely ones wrong: too few for a threshold read off the same predictions to see, so it is optimistic.
const rows = Array.from({ length: 150 }, (_, i) => {
  const strength = (i % 15) / 14;
  return {
    x: CONFIDENCE_FEATURES.map((_, j) => (j === 0 ? strength : ((i * (j + 5)) % 11) / 11)),
    y: strength > 0.4 && i % 23 !== 0 ? 1 : 0,
  };
});
const margins = [0, 0.01, 0.02, 0.05];
/** Fewer shufflings than the fit script's, to keep the test quick. */
const repeats = { outer: 2, inner: 1 };

test("an optimistic threshold gets a margin: the first whose nested precision is enough", () => {
  const { margin, checks } = reviewMargin(rows, 0.03, margins, repeats);
  assert.ok(checks[0]!.precision < REVIEW_PRECISION, `margin 0: ${checks[0]!.precision}`);
  assert.ok(margin > 0);
  assert.deepEqual(
    checks.map((c) => c.margin),
    margins,
  );
  for (let k = 1; k < checks.length; k++) assert.ok(checks[k]!.coverage <= checks[k - 1]!.coverage);
  const enough = checks.find((c) => c.coverage > 0 && c.precision >= REVIEW_PRECISION);
  assert.equal(margin, enough?.margin ?? margins[margins.length - 1]);
});

test("a margin that keeps no answer is never enough, and saying so is part of the answer", () => {
  // Margin 0.5 puts the threshold past every prediction: nothing kept, precision vacuous.
  const { margin, enough, checks } = reviewMargin(rows, 0.03, [0, 0.5], repeats);
  assert.equal(checks[1]!.coverage, 0);
  assert.equal(enough, false);
  assert.equal(margin, 0.5);
  assert.equal(reviewMargin(rows, 0.03, margins, repeats).enough, true);
});

test("rows that are always right need no margin", () => {
  const right = rows.map((r) => ({ ...r, y: 1 }));
  const { margin, checks } = reviewMargin(right, 0.03, margins, repeats);
  assert.equal(margin, 0);
  assert.equal(checks[0]!.precision, 1);
});

test("the chosen margin is enough and the one before it is not; none enough gives the largest", () => {
  const { margin, checks } = reviewMargin(rows, 0.03, margins, repeats);
  const k = checks.findIndex((c) => c.margin === margin);
  assert.ok(checks[k]!.precision >= REVIEW_PRECISION && checks[k]!.coverage > 0, JSON.stringify(checks[k]));
  assert.ok(k > 0 && checks[k - 1]!.precision < REVIEW_PRECISION);
  // The margins below the first enough one only: none reaches REVIEW_PRECISION.
  const short = margins.slice(0, k);
  const none = reviewMargin(rows, 0.03, short, repeats);
  assert.ok(none.checks.every((c) => c.precision < REVIEW_PRECISION));
  assert.equal(none.margin, short[short.length - 1]);
  assert.equal(none.enough, false);
});

test("each outer test fold is scored by a model and a threshold chosen without it", () => {
  // The procedure written out: nothing from the outer test fold reaches the fit or the inner CV.
  const kept = margins.map(() => ({ right: 0, n: 0 }));
  let total = 0;
  for (const outer of repeatedFolds(rows, 5, repeats.outer, NESTED_SEED)) {
    const cv: { p: number; y: number }[] = [];
    for (const f of repeatedFolds(outer.train, 5, repeats.inner)) {
      const m = fitConfidence(f.train, 0.03);
      for (const r of f.test) cv.push({ p: predictLogistic(m, r.x), y: r.y });
    }
    const m = fitConfidence(outer.train, 0.03);
    total += outer.test.length;
    margins.forEach((margin, k) => {
      const t = reviewThreshold(cv, REVIEW_PRECISION + margin);
      for (const r of outer.test) {
        if (predictLogistic(m, r.x) < t) continue;
        kept[k]!.n++;
        kept[k]!.right += r.y;
      }
    });
  }
  const { checks } = reviewMargin(rows, 0.03, margins, repeats);
  checks.forEach((c, k) => {
    assert.equal(c.coverage, kept[k]!.n / total, `coverage at margin ${c.margin}`);
    if (kept[k]!.n) assert.equal(c.precision, kept[k]!.right / kept[k]!.n, `precision at margin ${c.margin}`);
  });
});

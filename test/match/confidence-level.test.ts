import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CONFIDENCE_LEVEL_LABELS, CONFIDENCE_MODEL, confidenceLevel } from "../../src/match/index.ts";

describe("confidence in words", () => {
  it("高 exactly when no review is needed, 中 and 低 split at 0.6 below it", () => {
    assert.equal(confidenceLevel({ confidence: 0.97, needs_review: false }), "high");
    assert.equal(confidenceLevel({ confidence: 0.7, needs_review: true }), "medium");
    assert.equal(confidenceLevel({ confidence: 0.6, needs_review: true }), "medium");
    assert.equal(confidenceLevel({ confidence: 0.59, needs_review: true }), "low");
    // A rounded confidence at the threshold that still needs review never reads 高.
    const t = Math.round(CONFIDENCE_MODEL.reviewThreshold * 100) / 100;
    assert.notEqual(confidenceLevel({ confidence: t, needs_review: true }), "high");
    assert.deepEqual(Object.values(CONFIDENCE_LEVEL_LABELS), ["高", "中", "低"]);
  });
});

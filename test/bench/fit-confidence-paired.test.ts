/**
 * bench/fit-confidence.ts --paired FEATURE compares fits with and without the feature: with the feature
 * also left out by --without, both fits are the same and the "gain" it printed (0 of 30) meant nothing.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { pairedCheck } from "../../bench/fit-confidence.ts";
import { CONFIDENCE_FEATURES } from "../../src/match/index.ts";

const rows = Array.from({ length: 40 }, (_, i) => ({
  x: CONFIDENCE_FEATURES.map((_, j) => ((i * (j + 3)) % 7) / 7),
  y: i % 3 ? 1 : 0,
}));

test("--paired refuses a feature that --without already leaves out", () => {
  assert.throws(() => pairedCheck(rows, "cue", 0.03, ["cue"]), /--paired.*--without/);
  assert.match(pairedCheck(rows, "cue", 0.03, ["steadiness"]), /^cue: lowers CV log-loss in \d+ of 30/);
});

/** The review-round rule without a database: fed the rows a store function would return. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { WorkflowError } from "../../src/workflow/errors.ts";
import { nextRoundNumber } from "../../src/workflow/review.ts";

test("the first round of an edition is round 1, and later rounds take the next number", () => {
  assert.equal(nextRoundNumber([]), 1);
  assert.equal(
    nextRoundNumber([
      { number: 1, closed_at: "2026-01-01T00:00:00.000Z" },
      { number: 2, closed_at: "2026-02-01T00:00:00.000Z" },
    ]),
    3,
  );
});

test("a round cannot open while an earlier one is still open", () => {
  assert.throws(
    () => nextRoundNumber([{ number: 1, closed_at: null }]),
    (e: unknown) => e instanceof WorkflowError && e.status === 409,
  );
});

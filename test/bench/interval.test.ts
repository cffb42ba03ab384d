import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { wilsonInterval } from "../../bench/metrics.ts";

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-3, `${actual} ≠ ${expected}`);

describe("Wilson score interval (95 %)", () => {
  it("agrees with the published values", () => {
    // Half of 100: 40.38 %–59.62 % (the textbook example).
    const half = wilsonInterval(50, 100);
    near(half.low, 40.3832);
    near(half.high, 59.6168);
    // None of 10: the interval is [0, 27.75 %], not a point at zero as the normal approximation gives.
    const none = wilsonInterval(0, 10);
    near(none.low, 0);
    near(none.high, 27.7533);
    const all = wilsonInterval(10, 10);
    near(all.low, 72.2467);
    near(all.high, 100);
  });

  it("is all of 0–100 % for no trials, and widens as the sample shrinks", () => {
    assert.deepEqual(wilsonInterval(0, 0), { low: 0, high: 100 });
    const small = wilsonInterval(87, 98);
    const large = wilsonInterval(870, 980);
    assert.ok(small.high - small.low > large.high - large.low);
    assert.ok(small.low < 88.78 && 88.78 < small.high);
  });
});

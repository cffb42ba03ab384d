/**
 * Issue 9 item 8: a short run of the fuzz harness (bench/fuzz) in CI. Every mutated document either
 * imports or is refused with a DocumentError, and a refusal leaves the store's row counts unchanged.
 * The full run is `npm run fuzz -- --seconds N`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inputOf, runFuzz } from "../../bench/fuzz/run.ts";
import { buildSeeds } from "../../bench/fuzz/seeds.ts";

describe("fuzzing the importer (short CI run)", () => {
  it("an input is rebuilt the same from its run seed and number, so a failure can be reproduced", async () => {
    const seeds = await buildSeeds();
    const a = await inputOf(seeds, 7, 3);
    const b = await inputOf(seeds, 7, 3);
    assert.deepEqual(a.steps, b.steps);
    assert.deepEqual(Buffer.from(a.bytes), Buffer.from(b.bytes));
    assert.notDeepEqual((await inputOf(seeds, 7, 4)).steps, [], "another number, another input");
  });

  it("80 mutated documents: each imports or is refused with a DocumentError, and refusals write nothing", async (t) => {
    const report = await runFuzz({ seed: 20251130, count: 80 });
    t.diagnostic(
      `${report.tried} inputs in ${report.seconds.toFixed(1)} s: ${report.imported} imported, ${report.refused} refused`,
    );
    assert.equal(report.tried, 80);
    assert.ok(report.imported > 0 && report.refused > 0, "both outcomes are exercised");
    assert.deepEqual(
      report.failures.map((f) => `#${f.index} ${f.seed} ${f.steps.join(" + ")}: ${f.what} ${f.message}`),
      [],
    );
  });
});

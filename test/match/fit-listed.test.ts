/**
 * The listed model the engine reads (src/match/fitted/listed-model.json) is what bench/fit-listed.ts
 * gives on the tune part today: refitted with the stored regularisation, every weight comes back within
 * tolerance. A change to ranking or features that is not followed by a refit fails here.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { allLabelledCases, isFitCase } from "../../bench/cases.ts";
import { fitListed, listedRows, rounded } from "../../bench/fit-listed.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { buildIndex, FEATURE_NAMES, LISTED_MODEL, LISTED_MODEL_FILE } from "../../src/match/index.ts";

test("refitting the listed model on the tune part gives back the stored weights", async () => {
  const { draft } = await bundledEdition();
  const stored = JSON.parse(readFileSync(LISTED_MODEL_FILE, "utf8")) as {
    lambda: number;
    provenance: string;
  };
  assert.match(stored.provenance, /tune part/);
  const rows = listedRows(buildIndex(draft), allLabelledCases()).filter((r) => isFitCase(r.c));
  const refit = rounded(fitListed(rows, stored.lambda));
  const tolerance = (w: number) => Math.max(0.1, 0.05 * Math.abs(w));
  assert.ok(Math.abs(refit.bias - LISTED_MODEL.bias) <= tolerance(LISTED_MODEL.bias), `bias ${refit.bias}`);
  for (const f of FEATURE_NAMES) {
    const want = LISTED_MODEL.weights[f];
    assert.ok(
      Math.abs(refit.weights[f] - want) <= tolerance(want),
      `${f}: refit ${refit.weights[f]}, stored ${want}`,
    );
  }
});

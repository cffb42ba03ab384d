/**
 * Floors on splitting whole notices, at the levels reached (`npm run bench:notices`, with `-- --notices
 * test/data/fresh-notices.jsonl` for the fresh set): split F1 and the share of gold tasks answered right, on
 * the dev notices by part and on the 20 fresh notices written without running the splitter. Against
 * regressions only; issue 10's targets (F1 ≥ 0.95, verdicts ≥ 85 %) are printed by the bench.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { prf, readNotices } from "../../bench/notice-metrics.ts";
import { naiveSplit, scoreParts, splitNotice } from "../../bench/notice-score.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { buildIndex } from "../../src/match/index.ts";

const FRESH = fileURLToPath(new URL("../data/fresh-notices.jsonl", import.meta.url));
const share = (s: { verdictRight: number; gold: number }) => (100 * s.verdictRight) / s.gold;

test("notice splitting keeps the levels reached on the dev notices and the fresh ones, ahead of a naive splitter", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const dev = scoreParts(readNotices(), splitNotice, index);
  assert.ok(prf(dev.tune).f1 >= 0.999, `dev tune F1 ${prf(dev.tune).f1}`);
  assert.ok(prf(dev["held-out"]).f1 >= 0.98, `dev held-out F1 ${prf(dev["held-out"]).f1}`);
  assert.ok(share(dev.all) >= 93.3, `dev verdicts ${share(dev.all)} %`);
  const fresh = scoreParts(readNotices(FRESH), splitNotice, index);
  assert.equal(fresh.all.gold, 101);
  assert.ok(prf(fresh.all).f1 >= 0.945, `fresh F1 ${prf(fresh.all).f1}`);
  assert.ok(share(fresh.all) >= 84.1, `fresh verdicts ${share(fresh.all)} %`);
  const naive = scoreParts(readNotices(FRESH), naiveSplit, index);
  assert.ok(prf(fresh.all).f1 > prf(naive.all).f1 + 0.2, `naive F1 ${prf(naive.all).f1}`);
});

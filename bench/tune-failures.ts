/**
 * The tune part's failures, for tuning by hand: each wrong verdict or missed top-1 with the task text,
 * the truth and the engine's first three candidates. Held-out cases are never printed, only counted.
 *
 *   npx tsx bench/tune-failures.ts [--verdict-only]
 */
import { bundledEdition } from "../src/cli/commands/check-edition.ts";
import { buildIndex, checkTask } from "../src/match/index.ts";
import { allLabelledCases } from "./cases.ts";
import { isHeldOut } from "./metrics.ts";

const verdictOnly = process.argv.includes("--verdict-only");
const { draft } = await bundledEdition();
const index = buildIndex(draft);
const cases = allLabelledCases();
let held = 0;
for (const c of cases) {
  if (isHeldOut(c.id)) {
    held++;
    continue;
  }
  const r = checkTask(index, c.text);
  const ok = new Set([`${c.list}:${c.number}`, ...c.also_ok.map((o) => `${o.list}:${o.number}`)]);
  const ranked = [...(r.item ? [r.item] : []), ...r.alternatives];
  const top1 = r.item ? ok.has(`${r.item.list}:${r.item.number}`) : false;
  const verdictRight = r.verdict === c.verdict;
  if (verdictRight && (c.verdict === "unlisted" || top1 || verdictOnly)) continue;
  const truth = c.list ? `${c.list}:${c.number}` : "unlisted";
  console.log(`${c.id} [${truth} → ${r.verdict} ${r.confidence}] ${c.text}`);
  console.log(
    `   ${ranked
      .slice(0, 3)
      .map((i) => `${i.list}:${i.number} ${i.name.slice(0, 24)}`)
      .join(" | ")}`,
  );
  if (c.note) console.log(`   note: ${c.note}`);
}
console.log(`(${held} held-out cases not shown)`);

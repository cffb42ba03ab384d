/**
 * The check index's cheap cold path: items shared by editions are analysed once, results do not depend on
 * which indexes were built before, and the index cache is bounded by memory.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { deriveTownships } from "../../src/bench/derive.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import type { EditionDraft } from "../../src/domain/edition.ts";
import { buildIndex, checkTask, IndexCache, type ItemIndex } from "../../src/match/index.ts";
import { analysisStats, forgetAnalyses } from "../../src/match/item-analysis.ts";

const cele = (await bundledEdition()).draft;
// Three townships of one county and one of another, derived from the bundled lists (reworded, dropped
// and local items, other lead departments: each edition's dictionary terms differ).
const [a, b, c] = [...deriveTownships(cele, 3, { perCounty: 3, seed: 5 })] as [
  EditionDraft,
  EditionDraft,
  EditionDraft,
];
const elsewhere = [...deriveTownships(cele, 4, { perCounty: 3, seed: 9 })][3]!;

const TASKS = [
  "请各乡镇做好烟花爆竹安全监管工作",
  "开展辖区自建房安全隐患排查，建立台账报县住建局",
  "落实三会一课制度，加强基层党组织建设",
  "对辖区困境儿童逐一走访，落实一对一结对帮扶",
  "组织开展石榴种植技术培训推广",
  "核发食品经营许可证",
];

// A full collection between builds: an index must keep the analyses it shares alive (they are only
// weakly cached).
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

function answers(index: ItemIndex): string {
  return JSON.stringify(TASKS.map((t) => checkTask(index, t)));
}

test("an edition's answers do not depend on the indexes built before it", () => {
  forgetAnalyses();
  const alone = answers(buildIndex(b));
  forgetAnalyses();
  // Other editions first: of the same county (whose item analyses b reuses) and of another county.
  buildIndex(elsewhere);
  buildIndex(a);
  const reused = analysisStats.reused;
  const after = buildIndex(b);
  assert.ok(analysisStats.reused - reused > b.items.length / 2, "b reuses the analyses a made");
  assert.equal(answers(after), alone);
  buildIndex(c);
  assert.equal(answers(buildIndex(b)), alone, "and again after a third");
});

test("items shared by editions of a county are analysed once", async () => {
  forgetAnalyses();
  const first = buildIndex(a);
  // Weakly held objects survive until the job ends: collect in a later one.
  await new Promise((resolve) => setTimeout(resolve, 0));
  collect();
  const analysed = analysisStats.analysed;
  const second = buildIndex(b);
  const fresh = analysisStats.analysed - analysed;
  // Only items a lacks, reworded ones and those holding a term only one of the two has are analysed.
  assert.ok(fresh < b.items.length * 0.25, `${fresh} of ${b.items.length} analysed again`);
  const sameItem = second.items.find((e) => first.items.some((f) => f.fields === e.fields));
  assert.ok(sameItem, "an item's analysis is one object in both indexes");
  assert.ok(second.bytes < first.bytes, "an index is charged only for the analyses it made");
  // The same item in another county is analysed for that county (departments are folded by county).
  const analysedBefore = analysisStats.analysed;
  buildIndex(elsewhere);
  assert.ok(analysisStats.analysed - analysedBefore > elsewhere.items.length / 2);
});

test("an index of a 250-item edition holds well under 4 MB once its county's items are analysed", () => {
  forgetAnalyses();
  buildIndex(a);
  const next = buildIndex(b);
  assert.ok(next.bytes < 3e6, `${(next.bytes / 1e6).toFixed(2)} MB`);
  assert.ok(next.bytes > 0.3e6, "the estimate counts the index's arrays");
});

test("the index cache is bounded by bytes: the least recently used index goes first", () => {
  // Held, so that the analyses stay shared and each index below is charged only for its own arrays.
  const held = [buildIndex(a), buildIndex(b), buildIndex(c)];
  const sizes = [a, b, c].map((d) => buildIndex(d).bytes);
  // Room for any two of the three, never all three.
  const bound = sizes[0]! + sizes[1]! + sizes[2]! - 1;
  const cache = new IndexCache(bound);
  const ia = cache.get("a", a);
  const ib = cache.get("b", b);
  assert.equal(cache.get("a", a), ia, "a cached index is returned as is");
  assert.equal(cache.size, 2);
  cache.get("c", c);
  assert.ok(cache.bytes <= bound, `${cache.bytes} of ${bound} bytes kept`);
  assert.equal(cache.size, 2);
  // b was used least recently: it went; a stayed.
  assert.equal(cache.get("a", a), ia);
  assert.notEqual(cache.get("b", b), ib, "b is built anew");
  // An index larger than the whole bound is returned but not kept.
  const tiny = new IndexCache(1000);
  tiny.get("a", a);
  assert.equal(tiny.size, 0);
  assert.equal(held.length, 3);
});

test("an item whose name was reworded keeps its steps' analyses", () => {
  forgetAnalyses();
  const first = buildIndex(a);
  const doc = a.items.findIndex((i) => i.list === "cooperative" && i.townshipDuties.length > 0);
  const renamed: EditionDraft = {
    ...a,
    items: a.items.map((item, i) => (i === doc ? { ...item, name: `${item.name}工作` } : item)),
  };
  const analysed = analysisStats.analysed;
  const second = buildIndex(renamed);
  assert.equal(analysisStats.analysed - analysed, 1, "only the renamed item is analysed again");
  const before = first.analyses[doc]!;
  const after = second.analyses[doc]!;
  assert.notEqual(after, before);
  assert.notEqual(after.fields.name, before.fields.name);
  assert.ok(after.passages.length > 0);
  for (const [i, p] of after.passages.entries()) {
    assert.equal(p.ids, before.passages[i]!.ids, "a step's terms are shared");
  }
  assert.equal(after.fields.townshipDuties, before.fields.townshipDuties);
});

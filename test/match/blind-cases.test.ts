/**
 * The cases written blind to the labelled files (bench/cases.ts BLIND_CASES_FILE): every line is a case the
 * bench can score — a verdict of the four, the list its verdict names (none when unlisted), an item
 * the bundled 策勒乡 edition holds — and no id is shared with the labelled files, whose split is by id.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { allLabelledCases, blindCases } from "../../bench/cases.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";

test("every blind case names an item of the bundled edition, under an id of its own", async () => {
  const { draft } = await bundledEdition();
  const items = new Set(draft.items.map((i) => `${i.list}:${i.number}`));
  const cases = blindCases();
  assert.equal(cases.length, 150);
  const labelled = new Set(allLabelledCases().map((c) => c.id));
  const ids = new Set<string>();
  for (const c of cases) {
    assert.ok(!ids.has(c.id) && !labelled.has(c.id), `${c.id}: id used twice`);
    ids.add(c.id);
    assert.ok(c.text.trim().length >= 4, `${c.id}: text`);
    if (c.verdict === "unlisted") {
      assert.equal(c.list, null, `${c.id}: an unlisted case names no list`);
      assert.equal(c.number, null, `${c.id}: an unlisted case names no item`);
    } else {
      assert.equal(c.list, c.verdict, `${c.id}: the list is the verdict's`);
      assert.ok(items.has(`${c.list}:${c.number}`), `${c.id}: no item ${c.list}:${c.number}`);
    }
    for (const o of c.also_ok ?? [])
      assert.ok(items.has(`${o.list}:${o.number}`), `${c.id}: also_ok ${o.list}:${o.number}`);
  }
});

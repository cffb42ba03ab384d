/**
 * The styled cases: task checks written from the 策勒乡 lists in the manner of the labelled files (sender
 * prefixes, everyday wording, traps), by helpers who read only the tune part for style and labelled each
 * case from the lists alone — test/data/styled-cases.jsonl (120) and, written later without ever running
 * the engine, styled2-cases.jsonl (112), styled3-cases.jsonl (120) and styled4-cases.jsonl (120, concrete
 * objects and events rather than the items' words). Like the blind cases they are in no
 * tune or held-out part. Every line parses, its id is its own (not shared with the labelled, blind or other
 * styled files), its verdict and list agree, every item it names is one the bundled edition holds, and no
 * item is labelled more than twice in a file.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { allLabelledCases, blindCases, casesOf } from "../../bench/cases.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";

const STYLED_FILES = {
  "styled-cases.jsonl": 120,
  "styled2-cases.jsonl": 112,
  "styled3-cases.jsonl": 120,
  "styled4-cases.jsonl": 120,
} as const;
const fileText = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../data/${name}`, import.meta.url)), "utf8");
const VERDICTS = new Set(["basic", "cooperative", "reclaimed", "unlisted"]);

for (const [file, count] of Object.entries(STYLED_FILES)) {
  test(`every case of ${file} parses and names an item of the bundled edition, under an id of its own`, async () => {
    const { draft } = await bundledEdition();
    const items = new Set(draft.items.map((i) => `${i.list}:${i.number}`));
    const cases = casesOf(fileText(file));
    assert.equal(cases.length, count);
    const others = Object.keys(STYLED_FILES)
      .filter((f) => f !== file)
      .flatMap((f) => casesOf(fileText(f)));
    const taken = new Set([...allLabelledCases(), ...blindCases(), ...others].map((c) => c.id));
    const ids = new Set<string>();
    const uses = new Map<string, number>();
    for (const c of cases) {
      assert.ok(!ids.has(c.id) && !taken.has(c.id), `${c.id}: id used twice`);
      ids.add(c.id);
      assert.ok(c.text.trim().length >= 4, `${c.id}: text`);
      assert.ok(VERDICTS.has(c.verdict), `${c.id}: verdict ${c.verdict}`);
      if (c.verdict === "unlisted") {
        assert.equal(c.list, null, `${c.id}: an unlisted case names no list`);
        assert.equal(c.number, null, `${c.id}: an unlisted case names no item`);
        assert.deepEqual(c.also_ok ?? [], [], `${c.id}: an unlisted case has no second item`);
      } else {
        assert.equal(c.list, c.verdict, `${c.id}: the list is the verdict's`);
        const key = `${c.list}:${c.number}`;
        assert.ok(items.has(key), `${c.id}: no item ${key}`);
        uses.set(key, (uses.get(key) ?? 0) + 1);
      }
      for (const o of c.also_ok ?? []) {
        assert.ok(items.has(`${o.list}:${o.number}`), `${c.id}: also_ok ${o.list}:${o.number}`);
        assert.ok(o.list !== c.list || o.number !== c.number, `${c.id}: also_ok repeats the label`);
      }
    }
    for (const [key, n] of uses) assert.ok(n <= 2, `${key}: labelled ${n} times`);
  });
}

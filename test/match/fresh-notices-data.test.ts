/**
 * The fresh notices: test/data/fresh-notices.jsonl, 20 whole notices (fn01…fn20) written blind from the
 * 策勒乡 lists and the style sample alone, without running the engine or the splitter, to score notice
 * splitting on a set no rule was tuned to (bench:notices --notices). Every line parses, its id is its own
 * (not one of dev-notices.jsonl), every excerpt occurs exactly once in its notice's text, verdict, list and
 * number agree, every item named (label or also_ok) is one the bundled edition holds, and no item is the
 * label of more than three tasks.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { readNotices } from "../../bench/notice-metrics.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";

const FILE = fileURLToPath(new URL("../data/fresh-notices.jsonl", import.meta.url));
const VERDICTS = new Set(["basic", "cooperative", "reclaimed", "unlisted"]);

interface FreshTask {
  excerpt: string;
  verdict: string;
  list: string | null;
  number: number | null;
  also_ok: { list: string; number: number }[];
}
interface FreshNotice {
  id: string;
  title: string;
  text: string;
  tasks: FreshTask[];
}

const occurrences = (text: string, part: string) => {
  let n = 0;
  for (let i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
  return n;
};

test("every fresh notice parses, has an id of its own and consistent labels naming items of the bundled edition", async () => {
  const { draft } = await bundledEdition();
  const items = new Set(draft.items.map((i) => `${i.list}:${i.number}`));
  const lines = readFileSync(FILE, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim());
  assert.equal(lines.length, 20);
  const notices = lines.map((l, k) => {
    try {
      return JSON.parse(l) as FreshNotice;
    } catch (e) {
      throw new Error(`line ${k + 1} does not parse: ${(e as Error).message}`);
    }
  });
  const taken = new Set(readNotices().map((n) => n.id));
  const ids = new Set<string>();
  const uses = new Map<string, number>();
  for (const n of notices) {
    assert.match(n.id, /^fn\d\d$/, `${n.id}: id`);
    assert.ok(!ids.has(n.id), `${n.id}: id used twice`);
    assert.ok(!taken.has(n.id), `${n.id}: id used in dev-notices.jsonl`);
    ids.add(n.id);
    assert.ok(typeof n.title === "string" && n.title.length > 0, `${n.id}: title`);
    assert.ok(typeof n.text === "string" && n.text.length > 0, `${n.id}: text`);
    assert.ok(n.tasks.length >= 3 && n.tasks.length <= 7, `${n.id}: ${n.tasks.length} tasks`);
    for (const t of n.tasks) {
      const where = `${n.id} «${t.excerpt}»`;
      assert.ok(t.excerpt.trim().length >= 4, `${where}: excerpt`);
      assert.equal(occurrences(n.text, t.excerpt), 1, `${where}: not exactly once in the text`);
      assert.ok(!/[。；]$/.test(t.excerpt), `${where}: trailing punctuation`);
      assert.ok(VERDICTS.has(t.verdict), `${where}: verdict ${t.verdict}`);
      assert.ok(Array.isArray(t.also_ok), `${where}: also_ok`);
      if (t.verdict === "unlisted") {
        assert.equal(t.list, null, `${where}: an unlisted task names no list`);
        assert.equal(t.number, null, `${where}: an unlisted task names no item`);
        assert.deepEqual(t.also_ok, [], `${where}: an unlisted task has no second item`);
      } else {
        assert.equal(t.list, t.verdict, `${where}: the list is the verdict's`);
        const key = `${t.list}:${t.number}`;
        assert.ok(items.has(key), `${where}: no item ${key}`);
        uses.set(key, (uses.get(key) ?? 0) + 1);
      }
      for (const o of t.also_ok) {
        assert.ok(items.has(`${o.list}:${o.number}`), `${where}: also_ok ${o.list}:${o.number}`);
        assert.ok(o.list !== t.list || o.number !== t.number, `${where}: also_ok repeats the label`);
      }
    }
    // Spans of one notice's tasks do not overlap (a task is never part of another).
    const spans = n.tasks
      .map((t) => ({ s: n.text.indexOf(t.excerpt), e: n.text.indexOf(t.excerpt) + t.excerpt.length }))
      .sort((a, b) => a.s - b.s);
    for (let k = 1; k < spans.length; k++)
      assert.ok(spans[k]!.s >= spans[k - 1]!.e, `${n.id}: overlapping excerpts`);
  }
  for (const [key, k] of uses) assert.ok(k <= 3, `${key}: labelled ${k} times`);
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allLabelledCases } from "../../bench/cases.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { wholeWords } from "../../src/match/evidence.ts";
import { buildIndex, checkTask, prepareTask } from "../../src/match/index.ts";

/** Word boundaries of a text as the index's segmenter cuts it. */
function boundaries(cut: (t: string) => string[], text: string): Set<number> {
  const out = new Set([0, text.length]);
  let cursor = 0;
  for (const w of cut(text)) {
    const at = text.indexOf(w, cursor);
    if (at < 0) continue;
    out.add(at);
    out.add(at + w.length);
    cursor = at + w.length;
  }
  return out;
}

describe("readable evidence", () => {
  it("widens a fragment to the whole words it touches", () => {
    const text = "开展安全检查和隐患排查";
    const b = new Set([0, 2, 4, 6, 7, 9, 11]);
    assert.equal(wholeWords(text, "安全检", b), "安全检查");
    assert.equal(wholeWords(text, "患排", b), "隐患排查");
    assert.equal(wholeWords(text, "隐患", b), "隐患");
    assert.equal(wholeWords(text, "防汛", b), "");
  });

  it("on the real lists, every piece of evidence is whole words of the task, never a fragment", async () => {
    const { draft } = await bundledEdition();
    const index = buildIndex(draft);
    const cut = (t: string) => index.segmenter.cutNormalized(t);
    let pieces = 0;
    for (const c of allLabelledCases().slice(0, 120)) {
      const prepared = prepareTask(c.text, draft.county);
      const b = boundaries(cut, prepared);
      for (const e of checkTask(index, c.text).evidence) {
        if (e.field === "department") continue;
        pieces++;
        assert.equal(wholeWords(prepared, e.task, b), e.task, `${c.id}: ${e.task}`);
      }
    }
    assert.ok(pieces > 200, `${pieces} pieces of evidence`);
  });
});

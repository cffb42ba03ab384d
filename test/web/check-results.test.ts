/** Issue 13: identical checks are answered once per edition and precedent list, within a memory budget. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Precedent } from "../../src/domain/precedent.ts";
import type { TextCheck } from "../../src/match/index.ts";
import { CheckResults } from "../../src/web/check-results.ts";

const answer = (text: string): TextCheck => ({
  tasks: [
    {
      text,
      start: 0,
      end: text.length,
      verdict: "unlisted",
      confidence: 0.5,
      needs_review: true,
      item: null,
      alternatives: [],
      evidence: [],
      reason: "test",
    },
  ] as unknown as TextCheck["tasks"],
});

const precedent = (text: string) => ({ text }) as unknown as Precedent;

test("the same text against the same edition and precedents is worked out once", async () => {
  const cache = new CheckResults(1024 * 1024);
  const a = await cache.answer("edition:1@t", "任务甲", [], () => answer("任务甲"));
  const b = await cache.answer("edition:1@t", "任务甲", [], () => answer("任务甲"));
  assert.equal(cache.computed, 1);
  assert.equal(a, b);
  await cache.answer("edition:1@t2", "任务甲", [], () => answer("任务甲"));
  await cache.answer("edition:1@t", "任务乙", [], () => answer("任务乙"));
  assert.equal(cache.computed, 3, "another edition key or text is another answer");
});

test("a new precedent list is never answered from the old list's answers", async () => {
  const cache = new CheckResults(1024 * 1024);
  const old = [precedent("甲")];
  await cache.answer("e", "任务", old, () => answer("旧"));
  await cache.answer("e", "任务", old, () => answer("旧"));
  assert.equal(cache.computed, 1);
  const added = [precedent("甲"), precedent("乙")];
  const after = await cache.answer("e", "任务", added, () => answer("新"));
  assert.equal(cache.computed, 2);
  assert.equal(after.tasks[0]?.text, "新");
});

test("kept answers are frozen: a caller cannot change another visitor's answer", async () => {
  const cache = new CheckResults(1024 * 1024);
  const kept = await cache.answer("e", "任务", [], () => answer("任务"));
  assert.throws(() => {
    (kept.tasks[0] as { verdict: string }).verdict = "basic";
  }, TypeError);
});

test("failures are not kept, a zero budget keeps nothing, and the budget bounds what is kept", async () => {
  const cache = new CheckResults(1024 * 1024);
  await assert.rejects(
    cache.answer("e", "任务", [], () => Promise.reject(new Error("忙"))),
    /忙/,
  );
  await cache.answer("e", "任务", [], () => answer("任务"));
  assert.equal(cache.computed, 2);

  const none = new CheckResults(0);
  await none.answer("e", "任务", [], () => answer("任务"));
  await none.answer("e", "任务", [], () => answer("任务"));
  assert.equal(none.computed, 2);

  // Room for about three one-task answers (≈ 3 KB each): the oldest are dropped, the newest kept.
  const small = new CheckResults(10 * 1024);
  for (let i = 0; i < 10; i++) await small.answer("e", `任务${i}`, [], () => answer(`任务${i}`));
  assert.equal(small.computed, 10);
  await small.answer("e", "任务9", [], () => answer("任务9"));
  assert.equal(small.computed, 10, "the newest is kept");
  await small.answer("e", "任务0", [], () => answer("任务0"));
  assert.equal(small.computed, 11, "the oldest was dropped");
});

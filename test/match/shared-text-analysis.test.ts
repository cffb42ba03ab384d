/**
 * A county-wide check runs one text against every township's index, so the split of a notice and the
 * prepared form of each task are kept for the next index (match/index.ts, match/rank.ts). What is kept
 * must not leak between counties (departments fold by county) nor be changed by a caller.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import v8 from "node:v8";
import vm from "node:vm";
import { buildIndex, checkText, rank } from "../../src/match/index.ts";
import { SAMPLE } from "./fixture.ts";

describe("text analysis shared across indexes", () => {
  it("a task is prepared for the county of each index, even right after another county's", () => {
    const here = buildIndex({ ...SAMPLE, county: "策勒县" });
    const there = buildIndex({ ...SAMPLE, county: "于田县" });
    const task = "请策勒县应急局牵头开展应急演练";
    // 策勒县应急局 is this county's own department (县…) for 策勒县, another county's for 于田县.
    assert.ok(!rank(here, task).prepared.includes("策勒"));
    assert.ok(rank(there, task).prepared.includes("策勒"));
    assert.ok(!rank(here, task).prepared.includes("策勒"));
  });

  it("changing a checked task does not change the next check of the same text", () => {
    const index = buildIndex(SAMPLE);
    const notice = "一、防汛\n（一）开展应急演练。\n二、动物防疫\n（一）做好宣传。";
    const first = checkText(index, notice);
    const expected = structuredClone(first);
    for (const task of first.tasks) {
      task.text = "改过的";
      task.heading = "改过的";
    }
    assert.deepEqual(checkText(index, notice), expected);
  });
});

describe("text analysis kept across indexes is bounded", () => {
  it("long tasks (a pasted text without breaks is one task) are not kept", () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const index = buildIndex(SAMPLE);
    const words = "开展应急演练做好防汛准备组织安全生产检查宣传动物防疫知识落实河湖巡查";
    const longTasks = (from: number) =>
      Array.from({ length: 12 }, (_, i) => {
        let text = `第${from + i}号通知`;
        while (text.length < 40_000) text += words[(text.length * 7 + i) % words.length];
        return text;
      });
    const heapAfter = (texts: string[]) => {
      for (const text of texts) rank(index, text);
      for (let i = 0; i < 3; i++) gc();
      return process.memoryUsage().heapUsed;
    };
    // The first round builds what ranking builds once (converters, tables); the second may only add what is kept.
    const first = heapAfter(longTasks(0));
    const grown = heapAfter(longTasks(100)) - first;
    // Kept, 12 such tasks hold about 2.6 MB (the key and two prepared forms of 40 000 characters each).
    assert.ok(grown < 1_000_000, `${(grown / 1e6).toFixed(1)} MB kept after ranking 12 long tasks`);
  });
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { splitNotice } from "../../src/match/notice.ts";

const NOTICE = `关于做好2025年汛期安全防范工作的通知

各乡镇人民政府：
为切实做好今年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下：
一、总体要求
近期我县降雨偏多，部分河段水位上涨。
二、工作任务
（一）加强隐患排查。请各乡镇于5月底前完成辖区自建房安全隐患排查，建立台账报县住建局。
（二）各乡镇要组织开展防汛应急演练，每村不少于1次。
3. 落实24小时值班值守制度。
①做好防汛物资储备。
三、有关要求
各乡镇务必高度重视。
特此通知。
联系人：张三，电话：0903-1234567
策勒县防汛抗旱指挥部
2025年5月6日`;

test("a notice splits into its tasks; title, background, headings and closing are not tasks", () => {
  const tasks = splitNotice(NOTICE);
  assert.deepEqual(
    tasks.map((t) => t.text),
    [
      "（一）加强隐患排查。请各乡镇于5月底前完成辖区自建房安全隐患排查，建立台账报县住建局。",
      "（二）各乡镇要组织开展防汛应急演练，每村不少于1次。",
      "3. 落实24小时值班值守制度。",
      "①做好防汛物资储备。",
    ],
  );
});

test("each task keeps its character offsets into the notice", () => {
  for (const t of splitNotice(NOTICE)) assert.equal(NOTICE.slice(t.start, t.end), t.text);
});

test("one pasted sentence is one task, even without an imperative verb", () => {
  const text = "县剧院新剧首演的门票分摊";
  assert.deepEqual(splitNotice(text), [{ text, start: 0, end: text.length }]);
  assert.deepEqual(splitNotice(""), []);
});

test("sentences on one line are split, each imperative one a task", () => {
  const text = "近日我县发生一起火灾。请各村开展消防安全排查；组织群众参加应急演练。";
  assert.deepEqual(
    splitNotice(text).map((t) => t.text),
    ["请各村开展消防安全排查；", "组织群众参加应急演练。"],
  );
});

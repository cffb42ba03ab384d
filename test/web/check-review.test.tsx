/** @jsxImportSource hono/jsx */
/** The check page's answers that need review: 待人工确认 with the top three candidates (issue 10). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { confidenceLevel, type TaskCheck } from "../../src/match/index.ts";
import { CheckResults } from "../../src/web/views/check-page.tsx";

const base: TaskCheck = {
  text: "请各村做好相关登记工作",
  start: 0,
  end: 11,
  verdict: "basic",
  confidence: 0.41,
  needs_review: true,
  item: { list: "basic", number: 34, name: "做好残疾人登记备案工作" },
  alternatives: [
    { list: "cooperative", number: 95, name: "办理市场主体设立、变更登记辅助事项", score: 0.9 },
    { list: "reclaimed", number: 7, name: "收养登记", score: 0.8 },
    { list: "basic", number: 1, name: "第四个不应显示的候选", score: 0.5 },
  ],
  evidence: [{ task: "登记", item: "登记", field: "name" }],
  reason: "对应基本履职事项第34项：属本乡镇必须履行的职责。",
};

function render(task: TaskCheck): string {
  const record = {
    township: "策勒乡",
    townshipRef: "策勒乡",
    county: "策勒县",
    edition: { id: 1, date: "2025-07-01", title: "策勒县策勒乡履职事项清单" },
    text: task.text,
    file: null,
    notice: null,
    cards: [{ ...task, level: confidenceLevel(task) }],
  };
  return String(<CheckResults record={record} checked={true} />);
}

describe("answers that need review on the check page", () => {
  it("show 待人工确认 and the top three candidates, the answered item first", () => {
    const html = render(base);
    assert.match(html, /待人工确认/);
    const first = html.indexOf("基本履职事项第34项");
    const second = html.indexOf("配合履职事项第95项");
    const third = html.indexOf("上级部门收回事项第7项");
    assert.ok(first >= 0 && first < second && second < third, "three candidates in order");
    assert.doesNotMatch(html, /第四个不应显示的候选/);
  });

  it("confident answers show no review mark", () => {
    const html = render({ ...base, needs_review: false, confidence: 0.97 });
    assert.doesNotMatch(html, /待人工确认/);
  });
});

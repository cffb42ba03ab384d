/**
 * Issue 10 rows 3 and 4 together: a 待人工确认 answer lists its top three candidates, and a user who may decide
 * picks one with one click (选此项, a plain form per candidate, no script). The pick is the same decision the
 * 纠正 form posts: stored as the county's precedent, audited, and the next check of the same kind takes it.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MAX_PRECEDENT_CHARS } from "../../src/domain/precedent.ts";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import type { createApp } from "../../src/web/app.ts";
import { listAudit } from "../../src/workflow/audit.ts";
import { Client } from "../workflow/http-client.ts";
import { postCheck } from "./checked.ts";
import { PASSWORD } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

const CHECK = `/t/${encodeURIComponent("策勒乡")}/check`;
/** Answered 基本履职事项第34项 below the review threshold, with other candidates (checked in the test). */
const TASK = "请督促辖区开锁店到派出所登记备案。";
const REISSUED = "请于7月1日前督促恰哈村开锁店到派出所登记备案。";

/** The 选此项 forms of a page: each one's hidden fields, in order. */
function pickForms(html: string): Record<string, string>[] {
  const unescaped = (s: string) =>
    s.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
  return [...html.matchAll(/<form class="pick"[^>]*>(.*?)<\/form>/gs)].map(([, body]) => {
    const fields: Record<string, string> = {};
    for (const [, name, value] of body!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
      fields[name!] = unescaped(value!);
    const button = /<button[^>]*name="action" value="([a-z]+)"/.exec(body!);
    if (button) fields.action = button[1]!;
    return fields;
  });
}

describe("picking a candidate of a 待人工确认 answer with one click", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    ({ store, app } = await townshipApp("县公安局"));
  });
  after(() => store.close());

  test("the candidates carry 选此项 only for those who may decide", async () => {
    const anonymous = await new Client(app).post(CHECK, { text: TASK });
    assert.match(anonymous.text, /待人工确认，候选事项/);
    assert.deepEqual(pickForms(anonymous.text), []);
    assert.doesNotMatch(anonymous.text, /选此项/);
    const bumen = new Client(app);
    await bumen.login("bumen", PASSWORD);
    await bumen.get(CHECK);
    assert.doesNotMatch((await postCheck(bumen, CHECK, { text: TASK })).text, /选此项/);
  });

  test("a township user picks the second candidate: stored as a precedent, audited, and taken by the next check", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const checked = await postCheck(cele, CHECK, { text: TASK });
    assert.match(checked.text, /待人工确认，候选事项/);
    const picks = pickForms(checked.text);
    assert.equal(picks.length, 3, "one 选此项 per candidate");
    assert.deepEqual(
      picks.map((p) => [p.text, p.shown, p.action]),
      [
        [TASK, "basic:34", "confirm"],
        [TASK, "basic:34", "correct"],
        [TASK, "basic:34", "correct"],
      ],
      "the answered item is confirmed, another one corrects the answer",
    );
    // Three buttons of the same words: each names its candidate to a screen reader (the words kept first).
    const names = [
      ...checked.text.matchAll(/<form class="pick"[\s\S]*?<button[^>]*aria-label="([^"]*)"/g),
    ].map((m) => m[1]);
    assert.equal(names.length, 3);
    assert.equal(new Set(names).size, 3, "the three 选此项 are told apart");
    assert.ok(names.every((n) => /^选此项：(基本|配合|上级部门收回)/.test(n ?? "")));
    assert.ok(
      picks.every((p) => /^[0-9a-f]{32}$/.test(p.from ?? "")),
      "the pick names its saved check",
    );
    const [first, second] = picks;
    assert.deepEqual([first?.verdict, first?.number], ["basic", "34"]);
    assert.notDeepEqual([second?.verdict, second?.number], ["basic", "34"]);
    const { action, ...fields } = second!;
    const posted = await cele.post(`${CHECK}/decision`, { ...fields, action: action! });
    assert.equal(posted.status, 303, "Post/Redirect/Get");
    assert.match(posted.location ?? "", /\/check\/decision\?check=[0-9a-f]{32}&precedent=\d+#task-1$/);
    const done = await cele.get(posted.location!.replace(/#.*/, ""));
    assert.match(done.text, /<p class="notice">已纠正并记录为先例/);
    const [entry] = await listAudit(workflowDb(store.db), { action: "precedent.correction" });
    assert.equal(entry?.actor, "cele");
    const listed = await cele.getJson(`/api/v1/t/${encodeURIComponent("策勒乡")}/precedents`);
    const [precedent] = listed.body.precedents as {
      text: string;
      verdict: string;
      item: { number: number };
      source: string;
    }[];
    assert.deepEqual(
      [precedent?.text, precedent?.verdict, String(precedent?.item.number), precedent?.source],
      [TASK, second?.verdict, second?.number, "correction"],
    );
    const again = await new Client(app).json("/api/v1/check", { township: "策勒乡", text: REISSUED });
    const [task] = again.body.tasks as { verdict: string; item: { number: number }; reason: string }[];
    assert.deepEqual([task?.verdict, String(task?.item.number)], [second?.verdict, second?.number]);
    assert.match(task?.reason ?? "", /同类任务已于/);
  });

  test("a task too long to be remembered as a precedent offers no 选此项 nor 确认/纠正 (they could only be refused)", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const long = `${TASK.slice(0, -1)}，${"并做好相关台账资料的整理归档和报送工作".repeat(120)}。`;
    assert.ok(long.length > MAX_PRECEDENT_CHARS);
    const checked = await postCheck(cele, CHECK, { text: `各乡镇：\n一、${long}\n二、${TASK}\n特此通知。` });
    assert.equal((checked.text.match(/<article /g) ?? []).length, 2);
    const first = /<article [^>]*id="task-1"[\s\S]*?<\/article>/.exec(checked.text)?.[0] ?? "";
    const second = /<article [^>]*id="task-2"[\s\S]*?<\/article>/.exec(checked.text)?.[0] ?? "";
    assert.match(first, /待人工确认，候选事项/, "the candidates are still listed");
    assert.ok(!/<form class="(?:pick|decision)"/.test(first), "no form that could only be refused");
    assert.match(
      first,
      new RegExp(`超过 ${MAX_PRECEDENT_CHARS} 字`),
      "the card says why it cannot be decided",
    );
    assert.match(second, /<form class="decision"/, "the short task of the same notice can still be decided");
  });
});

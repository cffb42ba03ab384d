/**
 * The 确认/纠正 action on a check result: a township user corrects a result; the same task reissued takes it.
 * A decision is answered Post/Redirect/Get: 303 to the decision's address, which shows the saved check
 * checked again at the decided task; a reload there stores nothing again.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import type { createApp } from "../../src/web/app.ts";
import { listAudit } from "../../src/workflow/audit.ts";
import { Client } from "../workflow/http-client.ts";
import { postCheck } from "./checked.ts";
import { PASSWORD } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

const CHECK = `/t/${encodeURIComponent("策勒乡")}/check`;
const TASK = "请于6月10日前组织阿克吐格曼村网格员对辖区独居老人逐户走访，登记困难情况。";
const REISSUED = "请于9月1日前组织恰哈村网格员对辖区独居老人逐户走访，登记困难情况。";

/** Posts a decision, which must be answered 303; follows it as a browser does (the fragment stays local). */
async function decide(client: Client, fields: Record<string, string>) {
  const posted = await client.post(`${CHECK}/decision`, fields);
  assert.equal(posted.status, 303, posted.text.slice(0, 300));
  const location = posted.location ?? "";
  const shown = await client.get(location.replace(/#.*/, ""));
  assert.equal(shown.status, 200);
  return { location, status: shown.status, text: shown.text };
}

describe("confirming and correcting a check result on the page", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    ({ store, app } = await townshipApp("县水利局"));
  });
  after(() => store.close());

  test("anonymous visitors and departments see no form and may not post a decision", async () => {
    const anonymous = new Client(app);
    await anonymous.get("/login"); // a pre-login CSRF token, so the refusal is about who, not the form
    const page = await anonymous.post(CHECK, { text: TASK });
    assert.doesNotMatch(page.text, /check\/decision/);
    const posted = await anonymous.post(`${CHECK}/decision`, {
      text: TASK,
      verdict: "basic",
      number: "31",
      action: "correct",
    });
    assert.equal(posted.status, 401);
    const bumen = new Client(app);
    await bumen.login("bumen", PASSWORD);
    await bumen.get(CHECK);
    const refused = await bumen.post(`${CHECK}/decision`, {
      text: TASK,
      verdict: "basic",
      number: "31",
      action: "correct",
    });
    assert.equal(refused.status, 403);
    assert.equal(
      (await store.db.selectFrom("precedents").select("id").execute()).length,
      0,
      "nothing stored",
    );
  });

  test("the township corrects a result; the reissued task is answered as decided, with the evidence", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const checked = await postCheck(cele, CHECK, { text: TASK });
    assert.match(checked.text, /纠正/);
    // Answered (and kept by the answer cache) before the decision: the decision must not hide behind it.
    const before = await new Client(app).json("/api/v1/check", { township: "策勒乡", text: TASK });
    assert.notEqual((before.body.tasks as { item: { number: number } | null }[])[0]?.item?.number, 31);
    const bad = await cele.post(`${CHECK}/decision`, {
      text: TASK,
      verdict: "basic",
      number: "",
      action: "correct",
    });
    assert.equal(bad.status, 400);
    const done = await decide(cele, { text: TASK, verdict: "basic", number: "31", action: "correct" });
    assert.match(done.location, new RegExp(`^${CHECK}/decision\\?precedent=\\d+$`), "no saved check named");
    assert.match(done.text, /<p class="notice">已纠正并记录为先例/);
    const same = await new Client(app).json("/api/v1/check", { township: "策勒乡", text: TASK });
    const [decided] = same.body.tasks as { verdict: string; item: { number: number }; reason: string }[];
    assert.deepEqual([decided?.verdict, decided?.item.number], ["basic", 31]);
    assert.match(decided?.reason ?? "", /同类任务已于/);
    const again = await new Client(app).json("/api/v1/check", { township: "策勒乡", text: REISSUED });
    const [task] = again.body.tasks as { verdict: string; item: { number: number }; reason: string }[];
    assert.equal(task?.verdict, "basic");
    assert.equal(task?.item.number, 31);
    assert.match(task?.reason ?? "", /同类任务已于 \d{4}-\d{2}-\d{2} 认定为基本履职事项第31项.*（cele）/);
    const [entry] = await listAudit(workflowDb(store.db), { action: "precedent.correction" });
    assert.equal(entry?.actor, "cele");
    const listed = await cele.getJson(`/api/v1/t/${encodeURIComponent("策勒乡")}/precedents`);
    const [precedent] = listed.body.precedents as { text: string; setAside: boolean; decidedBy: string }[];
    assert.deepEqual([precedent?.text, precedent?.setAside, precedent?.decidedBy], [TASK, false, "cele"]);
    assert.equal(
      (await new Client(app).getJson(`/api/v1/t/${encodeURIComponent("策勒乡")}/precedents`)).status,
      401,
    );
  });

  test("a refused decision comes back as the check page: the task kept, what to fix said in words", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    for (const [fields, said] of [
      [{ verdict: "basic", number: "" }, /请填写事项序号/],
      [{ verdict: "basic", number: "999" }, /策勒乡的清单中没有基本履职事项第 999 项/],
      [{ verdict: "cooperative", number: "abc" }, /事项序号应为正整数/],
    ] as const) {
      const res = await cele.post(`${CHECK}/decision`, { text: TASK, action: "correct", ...fields });
      assert.equal(res.status, 400);
      assert.match(res.text, said);
      assert.match(res.text, /<p class="notice error" role="alert">/, "the reason is announced as an error");
      assert.match(
        res.text,
        /<textarea id="check-text" name="text"[^>]*>[^<]*独居老人/,
        "the task stays in the form",
      );
      assert.match(res.text, /class="check-results"/, "the task is shown checked again");
      assert.match(res.text, /check\/decision/, "the form is there to try again");
      assert.doesNotMatch(res.text, /list（|basic第|参数 number/, "no internal field names");
    }
  });

  test("deciding one task of a notice shows the whole notice checked again, not the task alone", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const notice = `各乡镇：\n一、${TASK}\n二、请于5月底前完成辖区自建房安全隐患排查。\n三、协助县剧院推销新剧门票。\n特此通知。`;
    const checked = await postCheck(cele, CHECK, { text: notice });
    assert.match(checked.text, /共 3 项任务/);
    const from = /name="from" value="([0-9a-f]{32})"/.exec(checked.text)?.[1];
    assert.ok(from, "each decision form names the check it belongs to");
    const decided = await decide(cele, {
      text: TASK,
      action: "correct",
      from,
      verdict: "basic",
      number: "31",
    });
    const refused = await cele.post(`${CHECK}/decision`, {
      text: TASK,
      action: "correct",
      from,
      verdict: "basic",
      number: "",
    });
    assert.equal(refused.status, 400, "a refused decision is answered with the page again, not redirected");
    for (const res of [decided, refused]) {
      assert.match(res.text, /共 3 项任务/, "every task of the notice is shown again");
      assert.match(
        res.text,
        /<textarea id="check-text" name="text"[^>]*>各乡镇：/,
        "the notice stays in the form",
      );
      assert.match(
        res.text,
        new RegExp(`name="from" value="${from}"`),
        "the next decision keeps the notice too",
      );
    }
  });

  test("a decision on one task of a notice opens the page at that task's card, which repeats the note", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const second = "请于5月底前完成辖区自建房安全隐患排查。";
    const notice = `各乡镇：\n一、${TASK}\n二、${second}\n三、协助县剧院推销新剧门票。\n特此通知。`;
    const checked = await postCheck(cele, CHECK, { text: notice });
    const from = /name="from" value="([0-9a-f]{32})"/.exec(checked.text)?.[1] ?? "";
    assert.ok(from, "each decision form names the check it belongs to");
    const cardOf = (html: string, n: number) =>
      new RegExp(`<article [^>]*id="task-${n}"[\\s\\S]*?</article>`).exec(html)?.[0] ?? "";
    // Each card's forms post to the decision route at that card (no script: the browser scrolls there).
    for (const n of [1, 2, 3]) {
      const action = new RegExp(
        `<form class="decision" method="post" action="[^"]*/check/decision#task-${n}"`,
      );
      assert.match(cardOf(checked.text, n), action);
    }
    const at = /name="at" value="(task-2)"/.exec(cardOf(checked.text, 2))?.[1] ?? "";
    assert.equal(at, "task-2", "each form names its card");
    const done = await decide(cele, {
      text: second,
      action: "correct",
      from,
      at,
      verdict: "basic",
      number: "90",
    });
    assert.match(
      done.location,
      new RegExp(`^${CHECK}/decision\\?check=${from}&precedent=\\d+#task-2$`),
      "the decision's address, at the card",
    );
    assert.match(cardOf(done.text, 2), /<p class="notice card-note">已纠正并记录为先例/);
    for (const n of [1, 3]) assert.doesNotMatch(cardOf(done.text, n), /card-note/, `card ${n} has no note`);
    // The saved record keeps the first answers: the page says how to print one with the decision.
    assert.match(
      done.text,
      /核验记录中保存的是当时的核验结论；如需打印或下载含本次结论的核验单，请点上方“打印视图”/,
    );
    // A refused decision says why in the card too, as an error.
    const refused = await cele.post(`${CHECK}/decision`, {
      text: TASK,
      action: "correct",
      from,
      verdict: "basic",
      number: "",
    });
    assert.equal(refused.status, 400);
    assert.match(cardOf(refused.text, 1), /<p class="notice card-note error">[^<]*请填写事项序号/);
    assert.doesNotMatch(cardOf(refused.text, 2), /card-note/);
  });

  test("the decision page links back to the saved check's result (查看核验单), refused or not; a decision on no saved check has no link", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const checked = await postCheck(cele, CHECK, {
      text: `各乡镇：\n一、${TASK}\n二、协助县剧院推销新剧门票。`,
    });
    const from = /name="from" value="([0-9a-f]{32})"/.exec(checked.text)?.[1] ?? "";
    assert.ok(from);
    const back = `<a href="${CHECK}/result?check=${from}">查看核验单</a>`;
    const fields = { text: TASK, action: "correct", from, at: "task-1", verdict: "basic" };
    const done = await decide(cele, { ...fields, number: "31" });
    assert.ok(done.text.includes(back), "the decision page links the saved check's result");
    assert.equal((await cele.get(`${CHECK}/result?check=${from}`)).status, 200, "which the decider may read");
    const refused = await cele.post(`${CHECK}/decision`, { ...fields, number: "" });
    assert.equal(refused.status, 400);
    assert.ok(refused.text.includes(back), "a refused decision's page too");
    const gone = await cele.get(`${CHECK}/decision?check=${from}&precedent=999999`);
    assert.ok(gone.text.includes(back), "and the saved check whose precedent is gone");
    const alone = await decide(cele, { text: TASK, verdict: "basic", number: "31", action: "confirm" });
    assert.doesNotMatch(alone.text, /查看核验单/, "no saved check, no link");
  });

  test("the saved check's result names who decided a task in one clause, without a second bracket group", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const task = "协助县文旅局为县剧院新剧推销门票。";
    const checked = await postCheck(cele, CHECK, { text: `各乡镇：\n一、${task}\n二、${TASK}` });
    const from = /name="from" value="([0-9a-f]{32})"/.exec(checked.text)?.[1] ?? "";
    await decide(cele, { text: task, action: "correct", from, at: "task-1", verdict: "unlisted" });
    await decide(cele, { text: TASK, action: "correct", from, at: "task-2", verdict: "basic", number: "31" });
    const result = await cele.get(`${CHECK}/result?check=${from}`);
    const notes = [...result.text.matchAll(/<p class="notice card-note decided">(.*?)<\/p>/gs)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ""),
    );
    assert.equal(notes.length, 2, notes.join("\n"));
    assert.match(
      notes[0]!,
      /^此项已纠正并记录为先例：清单外事项（需职责准入），由 cele 于 [^（）]+ 认定。以下为保存时的核验结论。/,
    );
    assert.match(
      notes[1]!,
      /^此项已纠正并记录为先例：基本履职事项 第31项 [^（）]+，由 cele 于 [^（）]+ 认定。/,
    );
    for (const note of notes) assert.doesNotMatch(note, /）\s*（/, "no two bracket groups in a row");
  });

  test("确认 (or Enter in 事项序号) on an answer the clerk changed is recorded as a correction", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const task = "请于5月底前完成辖区自建房安全隐患排查。";
    const checked = await postCheck(cele, CHECK, { text: task });
    const shown = /name="shown" value="([a-z]+:\d*)"/.exec(checked.text)?.[1];
    assert.equal(shown, "basic:90", "the form carries the answer it shows");
    const db = workflowDb(store.db);
    const before = (await listAudit(db, { action: "precedent.correction" })).length;
    const res = await decide(cele, { text: task, verdict: "basic", number: "82", shown, action: "confirm" });
    assert.match(res.text, /已纠正并记录为先例/);
    assert.equal((await listAudit(db, { action: "precedent.correction" })).length, before + 1);
    const kept = await decide(cele, { text: task, verdict: "basic", number: "90", shown, action: "confirm" });
    assert.match(kept.text, /已确认并记录为先例/);
  });

  test("reloading the page a decision led to shows it again and stores nothing more", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const task = "请于6月底前完成辖区农村饮水安全排查。";
    const checked = await postCheck(cele, CHECK, {
      text: `各乡镇：\n一、${task}\n二、协助县剧院推销新剧门票。`,
    });
    const from = /name="from" value="([0-9a-f]{32})"/.exec(checked.text)?.[1] ?? "";
    const done = await decide(cele, {
      text: task,
      action: "confirm",
      from,
      at: "task-1",
      verdict: "unlisted",
    });
    const db = workflowDb(store.db);
    const stored = async () => ({
      precedents: (await store.db.selectFrom("precedents").select("id").execute()).length,
      audit: (await listAudit(db, {})).length,
    });
    const before = await stored();
    for (let i = 0; i < 2; i++) {
      const again = await cele.get(done.location.replace(/#.*/, ""));
      assert.equal(again.status, 200);
      assert.match(again.text, /<p class="notice">已确认并记录为先例/);
      assert.match(again.text, /共 2 项任务/, "the whole notice again");
    }
    assert.deepEqual(await stored(), before, "a reload is a GET: no precedent, no audit entry");
    // The address shows a decision to those who may decide only; a precedent it does not hold is said so.
    assert.equal((await new Client(app).get(done.location.replace(/#.*/, ""))).status, 401);
    const bumen = new Client(app);
    await bumen.login("bumen", PASSWORD);
    assert.equal((await bumen.get(done.location.replace(/#.*/, ""))).status, 403);
    const other = await cele.get(`${CHECK}/decision?check=${from}&precedent=999999`);
    assert.equal(other.status, 200);
    assert.match(other.text, /这份核验记录中没有第 999999 号先例的任务/);
    assert.doesNotMatch(other.text, /已确认并记录为先例/);
    assert.equal((await cele.get(`${CHECK}/decision?precedent=999999`)).status, 404);
    assert.equal((await cele.get(`${CHECK}/decision?check=${"0".repeat(32)}&precedent=1`)).status, 404);
    assert.equal((await cele.get(`${CHECK}/decision?check=nope&precedent=1`)).status, 400);
  });

  test("a decision on a task the saved check does not hold, or on no such check, is refused (404) and stores nothing", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const checked = await postCheck(cele, CHECK, {
      text: `各乡镇：\n一、${TASK}\n二、协助县剧院推销新剧门票。`,
    });
    const from = /name="from" value="([0-9a-f]{32})"/.exec(checked.text)?.[1] ?? "";
    const count = async () => (await store.db.selectFrom("precedents").select("id").execute()).length;
    const before = await count();
    const decision = { text: TASK, action: "correct", verdict: "basic", number: "31" };
    for (const [fields, said] of [
      [{ from, at: "task-9" }, /核验记录中第 9 项没有这项任务，结论未记录/],
      [{ from, at: "task-2" }, /核验记录中第 2 项没有这项任务/],
      [{ from, at: "", text: "请完成辖区从未出现的任务。" }, /核验记录中没有这项任务/],
      [{ from: "0".repeat(32), at: "task-1" }, /没有这份核验记录（或无权查看），结论未记录/],
      [{ from: "not-a-check", at: "task-1" }, /没有这份核验记录/],
    ] as const) {
      const res = await cele.post(`${CHECK}/decision`, { ...decision, ...fields });
      assert.equal(res.status, 404, JSON.stringify(fields));
      assert.match(res.text, said);
    }
    const bad = await cele.post(`${CHECK}/decision`, { ...decision, from, at: "row-x" });
    assert.equal(bad.status, 400, "a place that is no place is refused as invalid");
    assert.equal(await count(), before, "nothing stored");
  });

  test("the decision's address opened again (reload, history, a bookmark) leads to the check page", async () => {
    const res = await new Client(app).get(`${CHECK}/decision`);
    assert.equal(res.status, 303);
    assert.equal(res.location, CHECK);
  });
});

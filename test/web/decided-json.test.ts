/**
 * The JSON twin of a decision's address, GET /api/v1/t/:township/check/decision?check=…&precedent=…: the
 * same data function as the page (same access, same refusals), answering the precedent stored, the note,
 * the decided task and its place, and the saved check checked again (a notice's tasks, a task sheet's rows).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { closeWorkPool } from "../../src/work/pool.ts";
import { Client } from "../workflow/http-client.ts";
import { postCheck, RESULT_ADDRESS } from "./checked.ts";
import { signInAs } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

process.env.LVZHI_CHECK_MS ??= "30000";
process.env.LVZHI_READ_MS ??= "30000";
process.env.LVZHI_FILE_MS ??= "30000";

const T = encodeURIComponent("策勒乡");
const CHECK = `/t/${T}/check`;
const TASK = "请于6月10日前组织阿克吐格曼村网格员对辖区独居老人逐户走访，登记困难情况。";
const NOTICE = `各乡镇：\n一、协助县剧院推销新剧门票。\n二、${TASK}\n特此通知。`;
/** Answered 基本履职事项第34项 below the review threshold, with other candidates. */
const REVIEW = "请督促辖区开锁店到派出所登记备案。";

type Task = { text: string; verdict: string; item: { number: number } | null; reason: string };

describe("the JSON twin of a decision's address", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  const signIn = (name: string) => signInAs(app, name, CHECK);

  before(async () => {
    ({ store, app } = await townshipApp("县水利局"));
  });
  after(async () => {
    await closeWorkPool();
    store.close();
  });

  test("a notice's decision: the precedent, the note, the place, and every task checked again as the page shows", async () => {
    const cele = await signIn("cele");
    const checked = await postCheck(cele, CHECK, { text: NOTICE, view: "page" });
    const posted = await cele.post(`${CHECK}/decision`, {
      text: TASK,
      verdict: "basic",
      number: "31",
      action: "correct",
      from: checked.id,
      at: "task-2",
    });
    assert.equal(posted.status, 303);
    const address = posted.location!.replace(/#.*/, "");
    const precedent = Number(/precedent=(\d+)/.exec(address)![1]);
    const json = await cele.getJson(`/api/v1${address}`);
    assert.equal(json.status, 200);
    const body = json.body as Record<string, unknown> & { tasks: Task[] };
    assert.equal(body.township, "策勒乡");
    assert.equal(body.check, checked.id);
    assert.equal(body.savedUrl, `/checks/${checked.id}`);
    const stored = body.precedent as {
      id: number;
      text: string;
      verdict: string;
      item: { list: string; number: number };
      source: string;
      decidedBy: string;
    };
    assert.deepEqual(
      [stored.id, stored.text, stored.verdict, stored.item.list, stored.item.number, stored.source],
      [precedent, TASK, "basic", "basic", 31, "correction"],
    );
    assert.equal(stored.decidedBy, "cele");
    assert.match(String(body.note), /^已纠正并记录为先例/);
    assert.equal(body.task, TASK);
    assert.equal(body.at, "task-2");
    assert.equal(body.tasks.length, 2, "the whole notice, as the page shows it");
    assert.deepEqual([body.tasks[1]!.verdict, body.tasks[1]!.item?.number], ["basic", 31]);
    assert.match(body.tasks[1]!.reason, /同类任务已于/, "checked again with the precedent");
    const page = await cele.get(address);
    assert.match(page.text, /共 2 项任务/);
    assert.match(page.text, /已纠正并记录为先例/);

    // The same access as the page: deciders only; a precedent that no longer stands is said so.
    assert.equal((await new Client(app).getJson(`/api/v1${address}`)).status, 401);
    assert.equal((await (await signIn("bumen")).getJson(`/api/v1${address}`)).status, 403);
    const gone = await cele.getJson(`/api/v1${CHECK}/decision?check=${checked.id}&precedent=999999`);
    assert.equal(gone.status, 200);
    assert.equal(gone.body.precedent, null);
    assert.match(String(gone.body.note), /这份核验记录中没有第 999999 号先例的任务/);
    assert.equal((gone.body.tasks as Task[]).length, 2);
    assert.equal((await cele.getJson(`/api/v1${CHECK}/decision?precedent=999999`)).status, 404);
    assert.equal((await cele.getJson(`/api/v1${CHECK}/decision?check=nope&precedent=1`)).status, 400);
    assert.equal((await cele.getJson(`/api/v1${CHECK}/decision`)).status, 400, "no precedent named");
  });

  test("a task sheet's decision: the sheet's rows checked again", async () => {
    const cele = await signIn("cele");
    const body = new FormData();
    body.append(
      "file",
      new File([Buffer.from(`序号,工作内容\r\n1,协助县剧院推销新剧门票\r\n2,${REVIEW}\r\n`)], "任务.csv"),
    );
    const cookie = [...cele.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await app.request(`${CHECK}/sheet`, { method: "POST", body, headers: { cookie } });
    // A decider's sheet with a row to confirm is saved, and answered 303 to its result.
    assert.equal(res.status, 303);
    const from = RESULT_ADDRESS.exec(res.headers.get("location") ?? "")?.[1];
    assert.ok(from, "the sheet's rows were saved for the pick");
    const shown = await cele.get(res.headers.get("location")!);
    assert.match(shown.text, new RegExp(`name="from" value="${from}"`));
    const posted = await cele.post(`${CHECK}/decision`, {
      text: REVIEW,
      verdict: "basic",
      number: "34",
      action: "confirm",
      from,
      at: "row-3",
    });
    assert.equal(posted.status, 303, posted.text.slice(0, 300));
    const json = await cele.getJson(`/api/v1${posted.location!.replace(/#.*/, "")}`);
    assert.equal(json.status, 200);
    assert.equal(json.body.at, "row-3");
    assert.equal(json.body.check, from);
    const rows = json.body.rows as { row: number; text: string; verdict: string; needs_review: boolean }[];
    assert.deepEqual(
      rows.map((r) => r.row),
      [2, 3],
    );
    assert.equal(rows[1]!.text, REVIEW);
    assert.equal(rows[1]!.needs_review, false, "answered by the precedent now");
    assert.equal(json.body.review, 0);
  });
});

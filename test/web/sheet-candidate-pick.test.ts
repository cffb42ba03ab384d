/**
 * 选此项 on the task sheet check: a row answered 需人工确认 lists its top three candidates, and a user who may
 * decide (as on the check page: an admin or the township's own user) picks one with one click. The pick is
 * the check page's decision (the same route and form): stored as the county's precedent, audited, taken by
 * the next check of the same kind; and the clerk is sent (303) back to the sheet's rows, at the decided row.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import type { createApp } from "../../src/web/app.ts";
import { closeWorkPool } from "../../src/work/pool.ts";
import { listAudit } from "../../src/workflow/audit.ts";
import { Client } from "../workflow/http-client.ts";
import { PASSWORD } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

process.env.LVZHI_READ_MS ??= "30000";
process.env.LVZHI_FILE_MS ??= "30000";
process.env.LVZHI_CHECK_MS ??= "30000";

const CELE = encodeURIComponent("策勒乡");
const SHEET = `/t/${CELE}/check/sheet`;
/** Answered 基本履职事项第34项 below the review threshold, with other candidates (as in check-candidate-pick). */
const TASK = "请督促辖区开锁店到派出所登记备案。";
const REISSUED = "请于7月1日前督促恰哈村开锁店到派出所登记备案。";
/** Answered with confidence: no candidates, no 选此项. */
const SURE = "协助县剧院推销新剧门票";
const CSV = `序号,工作内容\r\n1,${SURE}\r\n2,${TASK}\r\n3,\r\n4,请乡政府对辖区烟花爆竹经营点开展安全监管\r\n`;

const unescaped = (s: string) =>
  s.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The table's rows: each one's id, whether its 需人工确认 cell says 是, and its 选此项 forms. */
function rowsOf(html: string) {
  return [...html.matchAll(/<tr class="verdict-(\w+)" id="(row-\d+)">(.*?)<\/tr>/gs)].map(
    ([, verdict, id, body]) => ({
      id: id!,
      verdict: verdict!,
      body: body!,
      review: /<td data-label="需人工确认"[^>]*>是/.test(body!),
      picks: [...body!.matchAll(/<form class="pick" method="post" action="([^"]+)">(.*?)<\/form>/gs)].map(
        ([, action, form]) => {
          const fields: Record<string, string> = { action: "", to: unescaped(action!) };
          for (const [, name, value] of form!.matchAll(
            /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
          ))
            fields[name!] = unescaped(value!);
          fields.action = /<button[^>]*name="action" value="([a-z]+)"/.exec(form!)?.[1] ?? "";
          return fields;
        },
      ),
    }),
  );
}

describe("picking a candidate of a 需人工确认 row on the task sheet check", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let visitor = 0;

  /** Uploads the CSV as `client` (its cookies), from an address of its own (uploads are rate-limited). */
  async function upload(client: Client | null): Promise<string> {
    const body = new FormData();
    body.append("file", new File([Buffer.from(CSV)], "任务.csv"));
    const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") : "";
    const res = await app.request(
      SHEET,
      { method: "POST", body, headers: cookie ? { cookie } : {} },
      { incoming: { socket: { remoteAddress: `10.1.0.${++visitor}` } } },
    );
    // A saved check (a decider's sheet with rows to confirm) is answered 303 to its result address.
    if (res.status === 303) {
      const to = res.headers.get("location")!;
      assert.match(to, /\/check\/result\?check=[0-9a-f]{32}$/);
      const shown = await app.request(to, { headers: cookie ? { cookie } : {} });
      assert.equal(shown.status, 200);
      return shown.text();
    }
    assert.equal(res.status, 200);
    return res.text();
  }

  before(async () => {
    ({ store, app } = await townshipApp("县公安局"));
  });
  after(async () => {
    await closeWorkPool();
    await store.close();
  });

  test("only the rows that need review list candidates, and only those who may decide get 选此项", async () => {
    const anonymous = await upload(null);
    const rows = rowsOf(anonymous);
    assert.deepEqual(
      rows.map((r) => r.id),
      ["row-2", "row-3", "row-5"],
      "one row per task (the empty one apart)",
    );
    assert.ok(
      rows.some((r) => r.review),
      "the task of check-candidate-pick still needs review",
    );
    for (const r of rows) {
      assert.equal(
        /待人工确认，候选事项/.test(r.body),
        r.review,
        `${r.id}: candidates only when under review`,
      );
    }
    assert.doesNotMatch(anonymous, /选此项/, "an anonymous visitor cannot decide");
    const bumen = new Client(app);
    await bumen.login("bumen", PASSWORD);
    assert.doesNotMatch(await upload(bumen), /选此项/, "nor a county department");
    assert.equal(
      await store.db
        .selectFrom("saved_checks")
        .select("id")
        .execute()
        .then((r) => r.length),
      0,
    );

    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    const ownPage = await upload(cele);
    // The saved check is linked by name, not shown as its 32-digit address.
    assert.match(ownPage, /核验结果已保存到核验记录：<a href="\/checks\/[0-9a-f]{32}">查看核验单<\/a>/);
    const own = rowsOf(ownPage);
    for (const r of own) {
      assert.equal(r.picks.length, r.review ? 3 : 0, `${r.id}: 选此项 per candidate, only under review`);
      for (const p of r.picks) {
        assert.equal(p.to, `/t/${CELE}/check/decision#${r.id}`, "the decision route, at the row");
        assert.match(p.from ?? "", /^[0-9a-f]{32}$/, "the pick names the sheet's saved check");
      }
    }
  });

  /** The township's user, the first 选此项 of an uploaded sheet (its route, action and fields), and the precedents stored before. */
  async function firstPick() {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    const row = rowsOf(await upload(cele)).find((r) => r.picks.length)!;
    const { action, to, ...fields } = row.picks[0]!;
    const before = await store.db.selectFrom("precedents").select("id").execute();
    await cele.get("/");
    return { cele, action, to, fields, before };
  }

  test("a refused pick (no item number) comes back as the sheet's rows, saying why, with nothing stored", async () => {
    const { cele, action, to, fields, before } = await firstPick();
    const refused = await cele.post(to!.replace(/#.*/, ""), { ...fields, number: "", action: action! });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /<p class="notice error" role="alert">选择“基本履职事项”时请填写事项序号/);
    assert.equal(rowsOf(refused.text).length, 3, "the sheet's rows");
    assert.deepEqual(await store.db.selectFrom("precedents").select("id").execute(), before);
  });

  test("a pick on a row the sheet does not have, or whose task is another, is refused (404) with nothing stored", async () => {
    const { cele, action, to, fields, before } = await firstPick();
    for (const [at, said] of [
      ["row-99", /核验记录中第 99 行没有这项任务，结论未记录/],
      ["row-2", /核验记录中第 2 行没有这项任务/],
      ["row-4", /核验记录中第 4 行没有这项任务/], // the empty row
    ] as const) {
      const res = await cele.post(to!.replace(/#.*/, ""), { ...fields, at, action: action! });
      assert.equal(res.status, 404, at);
      assert.match(res.text, said);
    }
    assert.deepEqual(await store.db.selectFrom("precedents").select("id").execute(), before);
  });

  test("a pick stores a precedent, is audited, lands back on every row of the sheet, and a reworded task takes it", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    const checked = await upload(cele);
    const row = rowsOf(checked).find((r) => r.body.includes(TASK));
    assert.ok(row?.review, "the task needs review");
    const [first, second] = row.picks;
    assert.deepEqual(
      [first?.text, first?.shown, first?.action, second?.action],
      [TASK, "basic:34", "confirm", "correct"],
    );
    const { action, to, ...fields } = second!;
    await cele.get("/");
    const posted = await cele.post(to!.replace(/#.*/, ""), { ...fields, action: action! });
    assert.equal(posted.status, 303, "Post/Redirect/Get: a reload repeats nothing");
    assert.match(
      posted.location ?? "",
      new RegExp(`^/t/${CELE}/check/decision\\?check=${fields.from}&precedent=\\d+#${row.id}$`),
      "to the decision's address, at the decided row",
    );
    assert.equal(fields.at, row.id, "the pick names its row");
    const done = await cele.get(posted.location!.replace(/#.*/, ""));
    assert.equal(done.status, 200);
    assert.match(done.text, /<h1>任务表核验<\/h1>/, "back on the sheet check");
    assert.match(done.text, /<p class="notice">已纠正并记录为先例/);
    const after = rowsOf(done.text);
    assert.deepEqual(
      after.map((r) => r.id),
      ["row-2", "row-3", "row-5"],
      "the sheet's other rows are all there",
    );
    const decided = after.find((r) => r.id === row.id)!;
    assert.match(decided.body, /已纠正并记录为先例/, "the decided row repeats the note");
    assert.ok(!decided.review, "answered by the precedent, no longer under review");
    assert.equal(decided.verdict, second!.verdict);
    assert.match(decided.body, new RegExp(`/${second!.verdict}/${second!.number}"`), "links the picked item");

    const [entry] = await listAudit(workflowDb(store.db), { action: "precedent.correction" });
    assert.equal(entry?.actor, "cele");
    const again = await new Client(app).json("/api/v1/check", { township: "策勒乡", text: REISSUED });
    const [task] = again.body.tasks as { verdict: string; item: { number: number }; reason: string }[];
    assert.deepEqual([task?.verdict, String(task?.item.number)], [second?.verdict, second?.number]);
    assert.match(task?.reason ?? "", /同类任务已于/);
  });
});

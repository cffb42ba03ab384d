/**
 * A saved task sheet check (a decider's sheet with rows to confirm) keeps its file and is answered 303 to
 * its result, GET /t/:township/check/result?check=<id>: the rows as saved with 选此项, and the annotated
 * workbook by a GET link from the kept file (the same bytes the upload's own download gives), under the
 * saved check's access. Reload stores nothing. The decision page offers the workbook with the decision applied.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { closeWorkPool } from "../../src/work/pool.ts";
import { taskSheetXlsx } from "../data/file-fixtures.ts";
import type { Client } from "../workflow/http-client.ts";
import { postCheck } from "./checked.ts";
import { hostileDraft } from "./fixtures.ts";
import { signInAs, usersWithPassword } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

/**
 * Every sheet's cells as text, row by row: two workbooks written seconds apart differ in their zip entries'
 * times, so the same annotations are compared by what they hold, not byte for byte.
 */
async function cellsOf(bytes: Buffer): Promise<string[][][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : JSON.stringify(v))));
    });
    return rows;
  });
}

process.env.LVZHI_READ_MS ??= "30000";
process.env.LVZHI_FILE_MS ??= "30000";
process.env.LVZHI_CHECK_MS ??= "30000";

const CELE = encodeURIComponent("策勒乡");
const SHEET = `/t/${CELE}/check/sheet`;
const TASK = "请督促辖区开锁店到派出所登记备案。";
const CSV = `序号,工作内容\r\n1,协助县剧院推销新剧门票\r\n2,${TASK}\r\n3,\r\n4,请乡政府对辖区烟花爆竹经营点开展安全监管\r\n`;

const cookieOf = (client: Client | null): Record<string, string> =>
  client ? { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {};

describe("a saved task sheet check: 303 to its result, the workbook from the kept file", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let visitor = 0;
  const savedCount = async () => (await store.db.selectFrom("saved_checks").select("id").execute()).length;
  const signIn = (name: string) => signInAs(app, name);
  /** Posts the sheet as `client` from an address of its own (uploads are rate-limited). */
  const upload = async (
    client: Client | null,
    view = "page",
    file = new File([Buffer.from(CSV)], "任务.csv"),
  ) => {
    const body = new FormData();
    body.append("file", file);
    body.append("view", view);
    return app.request(
      SHEET,
      { method: "POST", body, headers: cookieOf(client) },
      { incoming: { socket: { remoteAddress: `10.2.0.${++visitor}` } } },
    );
  };
  const fetchAs = (client: Client | null, path: string) => app.request(path, { headers: cookieOf(client) });

  before(async () => {
    ({ store, app } = await townshipApp("县公安局"));
    await store.saveEdition(hostileDraft(), { status: "published" });
    await usersWithPassword(store, [{ name: "other", role: "township", township: "测试乡" }]);
  });
  after(async () => {
    await closeWorkPool();
    await store.close();
  });

  test("303 to the GET result: the rows, 选此项 and a download link; reload stores nothing", async () => {
    const cele = await signIn("cele");
    const before = await savedCount();
    const posted = await upload(cele);
    assert.equal(posted.status, 303);
    const location = posted.headers.get("location")!;
    assert.match(location, new RegExp(`^/t/${CELE}/check/result\\?check=[0-9a-f]{32}$`));
    assert.equal(await savedCount(), before + 1);
    const id = location.slice(-32);
    const kept = await store.db
      .selectFrom("saved_check_files")
      .selectAll()
      .where("check_id", "=", id)
      .execute();
    assert.equal(kept.length, 1, "the file is kept with the saved check");
    assert.equal(Buffer.from(kept[0]!.bytes, "base64").toString(), CSV);
    for (let i = 0; i < 2; i++) {
      const shown = await cele.get(location);
      assert.equal(shown.status, 200);
      assert.match(shown.text, /<h1>任务表核验<\/h1>/);
      assert.match(shown.text, /待人工确认，候选事项/);
      assert.match(shown.text, /<form class="pick"/);
      assert.match(shown.text, new RegExp(`href="/t/${CELE}/check/result/workbook\\?check=${id}"`));
      assert.doesNotMatch(shown.text, /name="carry"/, "the file is not carried in the page");
      assert.deepEqual(
        [...shown.text.matchAll(/<tr class="verdict-\w+" id="(row-\d+)">/g)].map((m) => m[1]),
        ["row-2", "row-3", "row-5"],
      );
    }
    assert.equal(await savedCount(), before + 1, "reload is a GET: nothing saved again");
  });

  test("the download is the annotated workbook the upload's own download gives", async () => {
    const cele = await signIn("cele");
    const location = (await upload(cele)).headers.get("location")!;
    const id = location.slice(-32);
    const res = await fetchAs(cele, `/t/${CELE}/check/result/workbook?check=${id}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /spreadsheetml/);
    assert.match(res.headers.get("content-disposition") ?? "", /xlsx/);
    const direct = await upload(cele, "xlsx");
    assert.equal(direct.status, 200);
    const [a, b] = [Buffer.from(await res.arrayBuffer()), Buffer.from(await direct.arrayBuffer())];
    assert.ok(a.length > 1000);
    assert.deepEqual(await cellsOf(a), await cellsOf(b), "the annotated workbook of the upload");
  });

  test("an Excel upload: the kept workbook's download equals the upload's own", async () => {
    const cele = await signIn("cele");
    const xlsx = await taskSheetXlsx([
      "协助县剧院推销新剧门票",
      TASK,
      "请乡政府对辖区烟花爆竹经营点开展安全监管",
    ]);
    const file = () => new File([new Uint8Array(xlsx)], "交办任务.xlsx");
    const posted = await upload(cele, "page", file());
    assert.equal(posted.status, 303);
    const id = posted.headers.get("location")!.slice(-32);
    const res = await fetchAs(cele, `/t/${CELE}/check/result/workbook?check=${id}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-disposition") ?? "", /xlsx/);
    const direct = await upload(cele, "xlsx", file());
    assert.deepEqual(
      await cellsOf(Buffer.from(await res.arrayBuffer())),
      await cellsOf(Buffer.from(await direct.arrayBuffer())),
    );
  });

  test("access as /checks/:id: 401 anonymous, 403 without rights, 404 unknown or another township's", async () => {
    const cele = await signIn("cele");
    const id = (await upload(cele)).headers.get("location")!.slice(-32);
    const workbook = `/t/${CELE}/check/result/workbook?check=${id}`;
    assert.equal((await fetchAs(null, workbook)).status, 401);
    assert.equal((await fetchAs(await signIn("bumen"), workbook)).status, 403);
    assert.equal((await fetchAs(await signIn("other"), workbook)).status, 403);
    assert.equal((await fetchAs(null, `/checks/${id}`)).status, 401, "as the permalink");
    assert.equal(
      (await fetchAs(cele, `/t/${CELE}/check/result/workbook?check=${"0".repeat(32)}`)).status,
      404,
    );
    const elsewhere = `/t/${encodeURIComponent("测试乡")}/check/result/workbook?check=${id}`;
    assert.equal((await fetchAs(cele, elsewhere)).status, 404);
  });

  test("the decision page offers the workbook with the decision applied", async () => {
    const cele = await signIn("cele");
    const location = (await upload(cele)).headers.get("location")!;
    const id = location.slice(-32);
    const page = (await cele.get(location)).text;
    const form = /<form class="pick" method="post" action="([^"]+)">(.*?)<\/form>/s.exec(page)!;
    const fields: Record<string, string> = {};
    for (const [, name, value] of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
      fields[name!] = value!.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    // The second candidate, corrected to: the decided verdict differs from the saved one.
    const picks = [...page.matchAll(/<form class="pick" method="post" action="([^"]+)">(.*?)<\/form>/gs)];
    for (const [, name, value] of picks[1]![2]!.matchAll(
      /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
    ))
      fields[name!] = value!.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    const posted = await cele.post(form[1]!.replace(/#.*/, ""), { ...fields, action: "correct" });
    assert.equal(posted.status, 303);
    const decided = await cele.get(posted.location!.replace(/#.*/, ""));
    assert.equal(decided.status, 200);
    const now = `/t/${CELE}/check/result/workbook?check=${id}&amp;now=1`;
    assert.ok(decided.text.includes(`href="${now}"`), "the decision page links the workbook checked again");
    assert.ok(
      decided.text.includes(`<a href="${location}">查看核验单</a>`),
      "and the saved check's result (查看核验单)",
    );
    const res = await fetchAs(cele, now.replace("&amp;", "&"));
    assert.equal(res.status, 200);
    // As the upload's own download gives it now that the precedent is stored.
    const direct = await upload(cele, "xlsx");
    assert.deepEqual(
      await cellsOf(Buffer.from(await res.arrayBuffer())),
      await cellsOf(Buffer.from(await direct.arrayBuffer())),
    );
    // Back on the saved result: the decided row says so, with the decided answer and the decision's page.
    const again = await cele.get(location);
    const row = /<tr class="verdict-\w+" id="(row-\d+)">(.*?)<\/tr>/gs;
    const marked = [...again.text.matchAll(row)].filter((m) => m[2]!.includes("card-note decided"));
    assert.deepEqual(
      marked.map((m) => m[1]),
      [fields.at],
      "only the decided row is marked",
    );
    assert.match(marked[0]![2]!, /此项已纠正并记录为先例/);
    const href = posted.location!.replaceAll("&", "&amp;");
    assert.ok(marked[0]![2]!.includes(`href="${href}"`), "links the decision's page");
    const saved = await fetchAs(cele, `/t/${CELE}/check/result/workbook?check=${id}`);
    assert.notDeepEqual(
      await cellsOf(Buffer.from(await saved.arrayBuffer())),
      await cellsOf(Buffer.from(await (await upload(cele, "xlsx")).arrayBuffer())),
      "the saved rows' workbook keeps the answer as it was",
    );
  });

  test("a text check's result marks the task decided from it, page and JSON; another saved check is not marked", async () => {
    const cele = await signIn("cele");
    const CHECK = `/t/${CELE}/check`;
    const first = await postCheck(cele, CHECK, { text: TASK, view: "page" });
    const other = await postCheck(cele, CHECK, { text: TASK, view: "page" });
    assert.doesNotMatch(first.text, /card-note decided/);
    // 确认: the answer as it stands (`shown`, e.g. basic:34), whether or not it was under review.
    const form = /<form class="decision" method="post" action="([^"]+)">(.*?)<\/form>/s.exec(first.text)!;
    const fields: Record<string, string> = {};
    for (const [, name, value] of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
      fields[name!] = value!.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    const [verdict, number] = fields.shown!.split(":");
    const posted = await cele.post(form[1]!.replace(/#.*/, ""), {
      ...fields,
      verdict: verdict!,
      number: number ?? "",
      action: "confirm",
    });
    assert.equal(posted.status, 303, posted.text.slice(0, 300));
    const again = await cele.get(first.location);
    assert.match(again.text, /<article class="card verdict-\w+" id="task-1">.*?此项已确认并记录为先例/s);
    assert.ok(again.text.includes(`href="${posted.location!.replaceAll("&", "&amp;")}"`));
    assert.doesNotMatch(
      (await cele.get(other.location)).text,
      /card-note decided/,
      "decided from the first only",
    );
    const json = await cele.getJson(`/api/v1/t/${CELE}/check/result?check=${first.id}`);
    const decided = (json.body as { decided: Record<string, { href: string; done: string }> }).decided;
    assert.deepEqual(Object.keys(decided), ["task-1"]);
    assert.equal(decided["task-1"]!.href, posted.location);
    assert.equal(decided["task-1"]!.done, "已确认");
  });
});

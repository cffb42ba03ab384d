/**
 * The task sheet check's JSON twin, POST /api/v1/t/:township/check/sheet: an .xlsx and a CSV give one entry per
 * task row, with its row in the sheet and the result /api/v1/check gives for the same text; a sheet whose task
 * column the header does not tell is refused listing the headers, and answered once `column` is sent; bad
 * uploads (empty, not a sheet, too large), an unknown township, a draft's township and a throttled address
 * get the API's JSON errors; and nothing is saved, not even for a township user, for whom the page saves the
 * rows.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { closeWorkPool } from "../../src/work/pool.ts";
import { sampleTasks, taskSheetXlsx } from "../data/file-fixtures.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { Client } from "../workflow/http-client.ts";
import { form, hostileDraft } from "./fixtures.ts";
import { PASSWORD } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

process.env.LVZHI_READ_MS ??= "30000";
process.env.LVZHI_FILE_MS ??= "30000";
process.env.LVZHI_CHECK_MS ??= "30000";

const CELE = encodeURIComponent("策勒乡");
const API = `/api/v1/t/${CELE}/check/sheet`;
const FIREWORKS = "请乡政府对辖区烟花爆竹经营点开展安全监管";
const TICKETS = "协助县剧院推销新剧门票";
/** Answered 基本履职事项第34项 below the review threshold (as in sheet-candidate-pick). */
const LOCKSMITH = "请督促辖区开锁店到派出所登记备案。";
const CSV = `序号,工作内容\r\n1,${FIREWORKS}\r\n2,${TICKETS}\r\n3,\r\n4,${LOCKSMITH}\r\n`;

type Json = Record<string, unknown>;
interface ApiError {
  error: { code: string; status: number; message: string; details: Json };
}
interface SheetAnswer {
  township: string;
  county: string;
  edition: { id: number; date: string };
  file: string;
  sheet: string;
  headerRow: number;
  column: { index: number; letter: string; header: string };
  rows: (Json & { row: number; text: string; verdict: string; needs_review: boolean })[];
  emptyRows: number[];
  counts: Record<string, number>;
  review: number;
}

async function twoColumnSheet(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("任务");
  ws.addRow(["事项", "任务", "时限"]);
  ws.addRow(["防汛", "请开展防汛应急演练", "6月"]);
  ws.addRow(["文化", TICKETS, "7月"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("POST /api/v1/t/:township/check/sheet", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  // Each from an address of its own (anonymous uploads are rate-limited per address), unless `from` is given.
  let visitor = 0;
  const post = (path: string, body: FormData | string, headers: Record<string, string> = {}, from?: string) =>
    app.request(
      path,
      { method: "POST", body, headers },
      { incoming: { socket: { remoteAddress: from ?? `10.2.0.${++visitor}` } } },
    );
  const upload = (fields: Parameters<typeof form>[0]) => post(API, form(fields));
  /** What /api/v1/check answers for one text: its one task, without its offsets in the text. */
  async function checked(text: string): Promise<Json> {
    const res = await post("/api/v1/check", JSON.stringify({ township: "策勒乡", text }), {
      "content-type": "application/json",
    });
    assert.equal(res.status, 200);
    const { tasks } = (await res.json()) as { tasks: Json[] };
    assert.equal(tasks.length, 1, `${text}: one task`);
    const { text: _text, start: _start, end: _end, heading: _heading, ...result } = tasks[0]!;
    return result;
  }
  /** Asserts the API's JSON error: status, code and a message matching `message`. */
  async function refused(res: Response, status: number, code: string, message: RegExp): Promise<ApiError> {
    assert.equal(res.status, status);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    const body = (await res.json()) as ApiError;
    assert.equal(body.error.code, code);
    assert.equal(body.error.status, status);
    assert.match(body.error.message, message);
    return body;
  }
  const stored = async () => ({
    saved: (await store.db.selectFrom("saved_checks").select("id").execute()).length,
    precedents: (await store.db.selectFrom("precedents").select("id").execute()).length,
    editions: (await store.listEditions()).length,
  });

  before(async () => {
    ({ store, app } = await townshipApp("县公安局"));
    await store.saveEdition(hostileDraft(), { status: "draft" });
  });
  after(async () => {
    await closeWorkPool();
    await store.close();
  });

  test("an .xlsx gives one entry per task row, at its row, with the result /api/v1/check gives the same text", async () => {
    const tasks = [FIREWORKS, TICKETS, LOCKSMITH, ...sampleTasks(await bundledDraft(), 6)];
    const res = await upload({ file: { name: "任务表.xlsx", bytes: await taskSheetXlsx(tasks) } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as SheetAnswer;
    assert.deepEqual([body.township, body.county, body.edition.date], ["策勒乡", "策勒县", "2025-07"]);
    assert.equal(typeof body.edition.id, "number");
    assert.deepEqual([body.file, body.sheet, body.headerRow], ["任务表.xlsx", "交办任务", 2]);
    assert.deepEqual(body.column, { index: 2, letter: "C", header: "工作任务" });
    assert.deepEqual(
      body.rows.map((r) => [r.row, r.text]),
      tasks.map((t, i) => [3 + i, t]),
      "each task at its row below the title and the header",
    );
    assert.deepEqual(body.emptyRows, []);
    for (const { row, text, ...result } of body.rows) {
      assert.deepEqual(result, await checked(text), `row ${row}: as /api/v1/check answers it`);
    }
    assert.deepEqual(
      body.rows.slice(0, 3).map((r) => [r.verdict, r.needs_review]),
      [
        ["reclaimed", false],
        ["unlisted", false],
        ["basic", true],
      ],
    );
    const tally: Record<string, number> = { basic: 0, cooperative: 0, reclaimed: 0, unlisted: 0 };
    for (const r of body.rows) tally[r.verdict]!++;
    assert.deepEqual(body.counts, tally);
    assert.equal(body.review, body.rows.filter((r) => r.needs_review).length);
  });

  test("a CSV gives its task rows by row number; a row with an empty task cell is listed, unchecked", async () => {
    const res = await upload({ file: { name: "任务.csv", bytes: Buffer.from(CSV) } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as SheetAnswer;
    assert.deepEqual(body.column, { index: 1, letter: "B", header: "工作内容" });
    assert.deepEqual(
      body.rows.map((r) => [r.row, r.text, r.verdict]),
      [
        [2, FIREWORKS, "reclaimed"],
        [3, TICKETS, "unlisted"],
        [5, LOCKSMITH, "basic"],
      ],
    );
    assert.deepEqual(body.emptyRows, [4]);
    assert.deepEqual(body.counts, { basic: 1, cooperative: 0, reclaimed: 1, unlisted: 1 });
    for (const { row, text, ...result } of body.rows)
      assert.deepEqual(result, await checked(text), `row ${row}`);
  });

  test("a .csv separated by tabs (a TSV saved as .csv) or by semicolons is read in columns as a comma-separated one", async () => {
    for (const sep of ["\t", ";"]) {
      const text = CSV.replaceAll(",", sep);
      const res = await upload({ file: { name: "任务.csv", bytes: Buffer.from(text) } });
      assert.equal(res.status, 200, JSON.stringify(sep));
      const body = (await res.json()) as SheetAnswer;
      assert.deepEqual(body.column, { index: 1, letter: "B", header: "工作内容" });
      assert.deepEqual(
        body.rows.map((r) => [r.row, r.text]),
        [
          [2, FIREWORKS],
          [3, TICKETS],
          [5, LOCKSMITH],
        ],
      );
    }
  });

  test("when the header does not tell the task column, the answer says so and lists the headers; `column` then decides", async () => {
    const bytes = await twoColumnSheet();
    const first = await refused(
      await upload({ file: { name: "两列.xlsx", bytes } }),
      400,
      "invalid",
      /^两列\.xlsx：无法从表头（工作表“任务”第 1 行）确定哪一列是任务，请在 column 字段写明任务所在列的列号（从 0 数起）：0 = A 列（事项）、1 = B 列（任务）。表头各列：0 = A 列（事项）、1 = B 列（任务）、2 = C 列（时限）。$/,
    );
    assert.equal(first.error.details.parameter, "column");
    assert.deepEqual(first.error.details.columns, [
      { index: 0, letter: "A", header: "事项" },
      { index: 1, letter: "B", header: "任务" },
      { index: 2, letter: "C", header: "时限" },
    ]);
    assert.deepEqual(
      (first.error.details.candidates as { index: number }[]).map((c) => c.index),
      [0, 1],
    );

    const chosen = await upload({ file: { name: "两列.xlsx", bytes }, column: "1" });
    assert.equal(chosen.status, 200);
    const body = (await chosen.json()) as SheetAnswer;
    assert.deepEqual(body.column, { index: 1, letter: "B", header: "任务" });
    assert.deepEqual(
      body.rows.map((r) => [r.row, r.text]),
      [
        [2, "请开展防汛应急演练"],
        [3, TICKETS],
      ],
    );

    const letter = await refused(
      await upload({ file: { name: "两列.xlsx", bytes }, column: "B" }),
      400,
      "invalid",
      /^参数 column 无效：应为列号：从 0 数起的数字（A 列为 0）$/,
    );
    assert.equal(letter.error.details.parameter, "column");
    const beyond = await refused(
      await upload({ file: { name: "两列.xlsx", bytes }, column: "9" }),
      400,
      "invalid",
      /两列\.xlsx:1: 没有第 J 列/,
    );
    // The columns there are, to choose from, as when the header does not tell the task column.
    assert.equal(beyond.error.details.parameter, "column");
    assert.deepEqual(
      (beyond.error.details.columns as { index: number }[]).map((c) => c.index),
      [0, 1, 2],
    );
    assert.match(beyond.error.message, /0 = A 列（事项）/);
  });

  test("an empty sheet, an empty file, no file, and files that are not task sheets are refused saying what was expected", async () => {
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet("空表");
    const cases: [Parameters<typeof form>[0], RegExp][] = [
      [
        { file: { name: "只有表头.csv", bytes: Buffer.from("序号,工作内容\r\n") } },
        /^只有表头\.csv:1: 工作表“只有表头\.csv”在表头之下没有任务行：应每行一项任务$/,
      ],
      [
        { file: { name: "空表.xlsx", bytes: new Uint8Array(await blank.xlsx.writeBuffer()) } },
        /^空表\.xlsx: 表格中没有任何内容：应每行一项任务，首行为表头/,
      ],
      [
        { file: { name: "空的.xlsx", bytes: new Uint8Array() } },
        /^空的\.xlsx：文件是空的（0 字节），应为每行一项任务的任务表。$/,
      ],
      [{ column: "1" }, /^请以 multipart\/form-data 在 file 字段上传任务表（\.xlsx、\.csv 或 \.xls/],
      [{ file: "任务.csv" }, /在 file 字段上传任务表/],
      [
        {
          file: { name: "照片.xlsx", bytes: Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex") },
        },
        /^照片\.xlsx：不是完好的 Excel 表格（内容不是表格）。请在 Excel 或 WPS 表格中打开，另存为 \.xlsx/,
      ],
      [
        { file: { name: "通知.txt", bytes: Buffer.from("请开展排查") } },
        /^通知\.txt：不是任务表。任务表应为 \.xlsx 或 \.csv/,
      ],
    ];
    for (const [fields, message] of cases) await refused(await upload(fields), 400, "invalid", message);
    await refused(
      await post(API, JSON.stringify({ file: "任务.csv" }), { "content-type": "application/json" }),
      400,
      "invalid",
      /在 file 字段上传任务表/,
    );
    assert.deepEqual(await stored(), { saved: 0, precedents: 0, editions: 2 });
  });

  test("two files, or two column numbers, are refused naming the field (not one of them checked silently)", async () => {
    const two = new FormData();
    two.append("file", new File([CSV], "一.csv"));
    two.append("file", new File([`任务\r\n${TICKETS}\r\n`], "二.csv"));
    const files = await refused(await post(API, two), 400, "invalid", /file/);
    assert.equal(files.error.details.parameter, "file");
    const columns = form({ file: { name: "两列.xlsx", bytes: await twoColumnSheet() }, column: "1" });
    columns.append("column", "0");
    const cols = await refused(await post(API, columns), 400, "invalid", /column/);
    assert.equal(cols.error.details.parameter, "column");
    assert.deepEqual(await stored(), { saved: 0, precedents: 0, editions: 2 });
  });

  test("a multipart body that does not parse (no boundary, a boundary the body lacks) is 400 JSON, not a 500", async () => {
    for (const type of ["multipart/form-data", "multipart/form-data; boundary=XX"]) {
      const res = await post(API, CSV, { "content-type": type });
      await refused(res, 400, "invalid", /multipart\/form-data/);
      const page = await post(`/t/${CELE}/check/sheet`, CSV, { "content-type": type });
      assert.equal(page.status, 400, `the page too (${type})`);
      assert.match(await page.text(), /multipart\/form-data/);
    }
    assert.deepEqual(await stored(), { saved: 0, precedents: 0, editions: 2 });
  });

  test("the size limit is the page's: a 2 MB file is read (and refused as no sheet), one past 8 MB is 413", async () => {
    const noise = (bytes: number) => new Uint8Array(bytes).fill(0x89);
    await refused(
      await upload({ file: { name: "大.xlsx", bytes: noise(2 * 1024 * 1024) } }),
      400,
      "invalid",
      /^大\.xlsx：不是/,
    );
    const huge = await refused(
      await upload({ file: { name: "超大.xlsx", bytes: noise(8 * 1024 * 1024 + 1) } }),
      413,
      "too-large",
      /超过 8 MB/,
    );
    assert.equal(huge.error.details.limit, 8 * 1024 * 1024);
    assert.deepEqual(await stored(), { saved: 0, precedents: 0, editions: 2 });
  });

  test("an unknown township is 404 JSON, before the file is read", async () => {
    const res = await post(
      `/api/v1/t/${encodeURIComponent("无此乡")}/check/sheet`,
      form({ file: { name: "任务.csv", bytes: Buffer.from(CSV) } }),
    );
    const body = await refused(res, 404, "not-found", /未找到乡镇“无此乡”的履职事项清单/);
    assert.equal(body.error.details.township, "无此乡");
  });

  test("a GET of the address says it takes a POSTed upload (not that there is no list named check)", async () => {
    const res = await app.request(API);
    const body = await refused(res, 404, "not-found", /POST/);
    assert.doesNotMatch(body.error.message, /没有名为/);
    assert.match(body.error.message, /multipart\/form-data/);
  });

  test("a township whose lists are only a draft is refused (403 JSON), as on the page", async () => {
    const file = { file: { name: "任务.csv", bytes: Buffer.from(CSV) } };
    const t = encodeURIComponent("测试乡");
    const res = await post(`/api/v1/t/${t}/check/sheet`, form(file));
    const body = await refused(res, 403, "forbidden", /./);
    assert.doesNotMatch(JSON.stringify(body), /测试乡履职事项清单|verdict/);
    assert.equal((await post(`/t/${t}/check/sheet`, form(file))).status, 403, "the page's answer too");
  });

  test("the rate limit is the page's: an upload costs three checks of the address's burst, shared with the page", async () => {
    const from = "10.3.0.1";
    for (let i = 0; i < 10; i++)
      assert.equal((await post(API, form({}), {}, from)).status, 400, `upload ${i + 1}`);
    const throttled = await refused(await post(API, form({}), {}, from), 429, "rate-limited", /请求过于频繁/);
    assert.equal(typeof throttled.error.details.retryAfter, "number");
    assert.equal(
      (await post(`/t/${CELE}/check/sheet`, form({}), {}, from)).status,
      429,
      "the page's bucket too",
    );
  });

  test("nothing is saved, even for the township's user, for whom the page saves the rows that need review", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    const cookie = [...cele.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const file = { file: { name: "任务.csv", bytes: Buffer.from(CSV) } };
    const res = await post(API, form(file), { cookie });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as SheetAnswer).review, 1, "a row needs review");
    assert.deepEqual(await stored(), { saved: 0, precedents: 0, editions: 2 });
    const page = await post(`/t/${CELE}/check/sheet`, form(file), { cookie });
    assert.equal(page.status, 303, "the page's saved check is answered by its result address");
    const shown = await app.request(page.headers.get("location")!, { headers: { cookie } });
    assert.match(await shown.text(), /选此项/);
    assert.equal((await stored()).saved, 1, "the page, by contrast, saves them for 选此项");
  });
});

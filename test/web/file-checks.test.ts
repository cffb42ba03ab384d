/**
 * Issue 11 rows 3–5 over HTTP, on SQLite and PostgreSQL: a 40-row task sheet is checked and given back as the
 * same workbook with the check's columns added (read back with exceljs), the task column is chosen in a second
 * step when the header does not tell, a spreadsheet uploaded on the 任务核验 page is checked row by row, and a
 * 考核 indicator table gives the report, its print view, .xlsx, CSV (BOM) and JSON. Bad files are refused
 * naming the file, and nothing is stored. Plain multipart forms: no JavaScript involved.
 */
import assert from "node:assert/strict";
import { after, before, mock, test } from "node:test";
import ExcelJS from "exceljs";
import { ANNOTATION_HEADERS } from "../../src/check-files/task-annotation.ts";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { closeWorkPool } from "../../src/work/pool.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import {
  indicatorTableDocx,
  indicatorTableXlsx,
  SAMPLE_INDICATORS,
  sampleTasks,
  taskSheetXlsx,
} from "../data/file-fixtures.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { form, hostileDraft } from "./fixtures.ts";

// Time limits are not under test here: a cold worker on a busy test machine may start slower than a server's warm pool.
process.env.LVZHI_READ_MS ??= "30000";
process.env.LVZHI_FILE_MS ??= "30000";
process.env.LVZHI_CHECK_MS ??= "30000";

const CELE = encodeURIComponent("策勒乡");

async function workbookOf(res: Response): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
  return wb;
}

describeEachBackend("task sheets and 考核 indicator tables over HTTP", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let tasks: string[];
  // Each from an address of its own: anonymous uploads are rate-limited per address, which is not under test here.
  let visitor = 0;
  const post = (path: string, fields: Parameters<typeof form>[0]) =>
    app.request(
      path,
      { method: "POST", body: form(fields) },
      { incoming: { socket: { remoteAddress: `10.0.0.${++visitor}` } } },
    );

  before(async () => {
    store = await backend.open();
    const draft = await bundledDraft();
    await importEdition(store, draft, "test", { status: "published" });
    await store.saveEdition(hostileDraft(), { status: "draft" });
    app = createApp({ store });
    tasks = sampleTasks(draft);
  });
  after(async () => {
    await closeWorkPool();
    await store.close();
  });

  test("the sheet page is a plain multipart form", async () => {
    const res = await app.request(`/t/${CELE}/check/sheet`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(
      html,
      /<form class="file-form" method="post" action="\/t\/%E7%AD%96%E5%8B%92%E4%B9%A1\/check\/sheet" enctype="multipart\/form-data">/,
    );
    assert.doesNotMatch(html, /<script/);
    // An .xls is read too (converted): the label says so, or a clerk holding one thinks it is refused.
    assert.match(html, /<label for="sheet-file">任务表（\.xlsx、\.xls 或 \.csv，/);
  });

  test("a 40-row task sheet comes back as the same workbook with the six columns added, within seconds", async (t) => {
    const source = await taskSheetXlsx(tasks);
    await post(`/t/${CELE}/check/sheet`, { file: { name: "任务表.xlsx", bytes: source } }); // warms the pool
    const started = performance.now();
    const res = await post(`/t/${CELE}/check/sheet`, {
      file: { name: "任务表.xlsx", bytes: source },
      view: "xlsx",
    });
    const ms = performance.now() - started;
    t.diagnostic(`40-row sheet checked and annotated in ${ms.toFixed(0)} ms (${backend.name})`);
    assert.equal(res.status, 200);
    assert.match(
      res.headers.get("content-disposition") ?? "",
      /filename\*=UTF-8''%E4%BB%BB%E5%8A%A1%E8%A1%A8-%E6%A0%B8%E9%AA%8C%E7%BB%93%E6%9E%9C\.xlsx/,
    );
    const wb = await workbookOf(res);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ["交办任务", "说明"],
      "every sheet kept",
    );
    const ws = wb.getWorksheet("交办任务")!;
    assert.equal(ws.getCell("A1").value, "2025年第三季度县直部门交办乡镇任务清单");
    assert.ok(ws.getCell("A1").isMerged, "the title's merge is kept");
    assert.equal(
      (ws.getCell("C2").fill as ExcelJS.FillPattern).fgColor?.argb,
      "FFFCE4D6",
      "the header's style is kept",
    );
    assert.deepEqual(
      ["F", "G", "H", "I", "J", "K"].map((col) => ws.getCell(`${col}2`).value),
      [...ANNOTATION_HEADERS],
    );
    const verdicts = tasks.map((_, i) => String(ws.getCell(`F${3 + i}`).value));
    for (const v of verdicts)
      assert.match(v, /^(基本履职事项|配合履职事项|上级部门收回事项|清单外事项（需职责准入）)$/);
    const unlisted = tasks.indexOf("协助县剧院推销新剧门票");
    assert.ok(unlisted >= 0);
    assert.equal(ws.getCell(`F${3 + unlisted}`).value, "清单外事项（需职责准入）");
    assert.equal(ws.getCell(`I${3 + unlisted}`).value, "清单外事项：需履行职责准入程序");
    const cooperative = verdicts.indexOf("配合履职事项");
    assert.match(String(ws.getCell(`H${3 + cooperative}`).value), /^牵头：县/);
    assert.match(
      String(ws.getCell(`I${3 + cooperative}`).value),
      /^1\. /,
      "the township's steps, numbered as listed",
    );
    assert.match(String(ws.getCell(`K${3 + cooperative}`).value), /^(是|否)（把握[高中低]）$/);
    assert.equal(
      ws.getCell(`C${3 + unlisted}`).value,
      "协助县剧院推销新剧门票",
      "the task cells are untouched",
    );
    assert.ok(ms < 15_000, `within seconds (${ms.toFixed(0)} ms)`);
  });

  test("the results page shows one row per task and carries the file back for the download", async () => {
    const res = await post(`/t/${CELE}/check/sheet`, {
      file: { name: "任务表.xlsx", bytes: await taskSheetXlsx(tasks) },
    });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.equal((html.match(/<span class="badge badge-/g) ?? []).length, 40);
    const carry = /name="carry" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(carry, "the download form carries the file");
    const again = await post(`/t/${CELE}/check/sheet`, {
      carry,
      carryName: "任务表.xlsx",
      column: "2",
      view: "xlsx",
    });
    assert.equal(again.status, 200);
    assert.equal((await workbookOf(again)).getWorksheet("交办任务")!.getCell("F2").value, "核验结论");
  });

  test("when two columns could hold the tasks, the user chooses one in a second step", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("任务");
    ws.addRow(["事项", "任务", "时限"]);
    ws.addRow(["防汛", "请开展防汛应急演练", "6月"]);
    ws.addRow(["文化", "协助县剧院推销新剧门票", "7月"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const first = await post(`/t/${CELE}/check/sheet`, { file: { name: "两列.xlsx", bytes } });
    const html = await first.text();
    assert.match(html, /无法从表头确定哪一列是任务/);
    // Each column with its first task as an example; the one of sentences, not of one-word cells, preselected.
    assert.match(
      html,
      /<input type="radio" name="column" value="0" required=""\/> A 列：事项<span class="example">例：防汛<\/span>/,
    );
    assert.match(
      html,
      /<input type="radio" name="column" value="1" checked="" required=""\/> B 列：任务<span class="example">例：请开展防汛应急演练<\/span>/,
    );
    const carry = /name="carry" value="([^"]+)"/.exec(html)![1]!;
    const chosen = await post(`/t/${CELE}/check/sheet`, { carry, carryName: "两列.xlsx", column: "1" });
    const page = await chosen.text();
    assert.match(page, /任务列 B（任务）/);
    assert.match(page, /badge-unlisted/);
  });

  test("a CSV uploaded on the 任务核验 page is checked row by row", async () => {
    const csv = "序号,工作内容\r\n1,请乡政府对辖区烟花爆竹经营点开展安全监管\r\n2,协助县剧院推销新剧门票\r\n";
    const res = await post(`/t/${CELE}/check`, { file: { name: "任务.csv", bytes: Buffer.from(csv) } });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /任务表核验/);
    assert.deepEqual(html.match(/badge badge-\w+/g), ["badge badge-reclaimed", "badge badge-unlisted"]);
  });

  test("a CSV task sheet comes back as a workbook of its rows with the columns added", async () => {
    const csv = "序号,工作内容\r\n1,请乡政府对辖区烟花爆竹经营点开展安全监管\r\n2,协助县剧院推销新剧门票\r\n";
    const res = await post(`/t/${CELE}/check/sheet`, {
      file: { name: "任务.csv", bytes: Buffer.from(csv) },
      view: "xlsx",
    });
    assert.equal(res.status, 200);
    const ws = (await workbookOf(res)).worksheets[0]!;
    assert.deepEqual(
      [1, 2, 3].map((row) => [ws.getCell(row, 2).value, ws.getCell(row, 3).value]),
      [
        ["工作内容", "核验结论"],
        ["请乡政府对辖区烟花爆竹经营点开展安全监管", "上级部门收回事项"],
        ["协助县剧院推销新剧门票", "清单外事项（需职责准入）"],
      ],
    );
  });

  test("bad files are refused naming the file and what was expected; nothing is stored", async () => {
    const editions = (await store.listEditions()).length;
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex");
    const image = await post(`/t/${CELE}/check/sheet`, { file: { name: "照片.xlsx", bytes: png } });
    assert.equal(image.status, 400);
    assert.match(
      await image.text(),
      /照片\.xlsx：不是完好的 Excel 表格（内容不是表格）。请在 Excel 或 WPS 表格中打开，另存为 \.xlsx/,
    );
    const notice = await post(`/t/${CELE}/check/sheet`, {
      file: { name: "通知.txt", bytes: Buffer.from("请开展排查") },
    });
    assert.equal(notice.status, 400);
    assert.match(await notice.text(), /通知\.txt：不是任务表。任务表应为 \.xlsx 或 \.csv/);
    const indicators = await post(`/t/${CELE}/indicators`, {
      file: { name: "指标.csv", bytes: Buffer.from("甲,乙\n1,2\n") },
    });
    assert.equal(indicators.status, 400);
    assert.match(await indicators.text(), /指标\.csv: 没有找到考核指标表/);
    const forged = await post(`/t/${CELE}/indicators`, { carry: "不是base64", carryName: "x.xlsx" });
    assert.equal(forged.status, 400);
    const none = await post(`/t/${CELE}/indicators`, { view: "page" });
    assert.equal(none.status, 400);
    assert.match(await none.text(), /请选择要上传的考核指标表/);
    assert.equal((await store.listEditions()).length, editions);
  });

  test("the indicator report: figures, points per 考核部门, flagged rows, then all rows", async () => {
    const res = await post(`/t/${CELE}/indicators`, {
      file: { name: "考核指标.xlsx", bytes: await indicatorTableXlsx() },
    });
    assert.equal(res.status, 200);
    const html = await res.text();
    const figures = html.indexOf('class="figures"');
    const departments = html.indexOf("各考核部门涉及分值");
    const flagged = html.indexOf("需纠正的指标（9 项）");
    const all = html.indexOf("全部指标（16 项）");
    assert.ok(
      figures > 0 && figures < departments && departments < flagged && flagged < all,
      "summary first, then flagged, then all",
    );
    assert.match(
      html,
      /县农业农村局<\/td><td data-label="指标">5 项<\/td><td data-label="分值">29 分<\/td><td data-label="收回事项">3 项 15 分<\/td>/,
    );
    assert.match(html, /考核部门即承接部门/);
  });

  test("the report's 核验日期 is today in Beijing: at 04:00 on 2 March there it reads 2026-03-02", async () => {
    const bytes = await indicatorTableXlsx();
    mock.timers.enable({ apis: ["Date"], now: Date.parse("2026-03-01T20:00:00Z") });
    try {
      const res = await post(`/t/${CELE}/indicators`, { file: { name: "考核指标.xlsx", bytes } });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /核验日期：2026-03-02/);
    } finally {
      mock.timers.reset();
    }
  });

  test("the report as print view, .xlsx (the table with columns added), CSV with BOM and JSON; a .docx table too", async () => {
    const xlsx = await indicatorTableXlsx();
    const print = await post(`/t/${CELE}/indicators`, {
      file: { name: "考核指标.xlsx", bytes: xlsx },
      view: "print",
    });
    const printed = await print.text();
    assert.match(printed, /<body class="print-view">/);
    assert.match(printed, /核验单位（盖章）/);
    assert.doesNotMatch(printed, /<form/);

    const book = await workbookOf(
      await post(`/t/${CELE}/indicators`, { file: { name: "考核指标.xlsx", bytes: xlsx }, view: "xlsx" }),
    );
    assert.deepEqual(
      book.worksheets.map((w) => w.name),
      ["乡镇考核指标", "填报说明"],
    );
    const ws = book.getWorksheet("乡镇考核指标")!;
    assert.deepEqual(
      ["G2", "H2", "I2", "J2", "K2"].map((a) => ws.getCell(a).value),
      ["核验结论", "对应事项", "问题", "说明", "需人工确认"],
    );
    assert.equal(ws.getCell("G7").value, "收回事项", "row 7: 屠宰检疫");
    assert.equal(ws.getCell("H7").value, "上级部门收回事项第10项 屠宰检疫");

    const csv = await post(`/t/${CELE}/indicators`, {
      file: { name: "考核指标.xlsx", bytes: xlsx },
      view: "csv",
    });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM for Excel");
    const lines = new TextDecoder().decode(bytes).split("\r\n").filter(Boolean);
    assert.equal(lines.length, 17);
    assert.match(
      lines[0]!,
      /^\uFEFF?行,一级指标,指标名称,考核内容,分值,考核部门,核验结论,对应事项,问题,说明,需人工确认$/,
    );

    const json = (await (
      await post(`/t/${CELE}/indicators`, {
        file: { name: "考核指标.docx", bytes: await indicatorTableDocx() },
        view: "json",
      })
    ).json()) as {
      indicators: { name: string; finding: string }[];
      summary: { points: number };
    };
    assert.deepEqual(
      json.indicators.map((i) => i.finding),
      SAMPLE_INDICATORS.map((i) => i.expect),
    );
    assert.equal(
      json.summary.points,
      SAMPLE_INDICATORS.reduce((s, i) => s + i.points, 0),
    );
  });

  test("a county's form picks the township; lists the visitor may not read stay hidden", async () => {
    const county = encodeURIComponent("策勒县");
    const page = await (await app.request(`/c/${county}/indicators`)).text();
    assert.match(page, /<option value="策勒乡">策勒乡<\/option>/);
    const res = await post(`/c/${county}/indicators`, {
      township: "策勒乡",
      file: { name: "考核指标.xlsx", bytes: await indicatorTableXlsx() },
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /action="\/t\/%E7%AD%96%E5%8B%92%E4%B9%A1\/indicators"/);
    const other = await post(`/c/${county}/indicators`, {
      township: "测试乡",
      file: { name: "a.xlsx", bytes: await indicatorTableXlsx() },
    });
    assert.equal(other.status, 400);
    assert.equal(
      (await app.request(`/t/${encodeURIComponent("测试乡")}/indicators`)).status,
      403,
      "a draft is not shown to visitors",
    );
    assert.equal((await app.request(`/c/${encodeURIComponent("测试县")}/indicators`)).status, 404);
  });
});

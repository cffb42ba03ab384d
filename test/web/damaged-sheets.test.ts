/**
 * A damaged .xls (cut short in a download, its bytes garbled) or a file named .xls/.xlsx that is no
 * spreadsheet at all is refused before it is converted or read, naming the file and saying it is not an
 * intact Excel sheet — on the 任务表核验 page, on the 任务核验 page and by the JSON API alike — instead of
 * LibreOffice reading its bytes as a "sheet" of garbage that reaches the column chooser. Nothing is stored.
 * An .xls that old systems save as an HTML table (or as Excel 2003 XML) is a real spreadsheet and is read.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import JSZip from "jszip";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { closeWorkPool } from "../../src/work/pool.ts";
import { officeSheetSample, officeSkip } from "../check-files/office-samples.ts";
import { taskSheetXlsx } from "../data/file-fixtures.ts";
import { form } from "./fixtures.ts";
import { townshipApp } from "./township-app.ts";

process.env.LVZHI_READ_MS ??= "30000";
process.env.LVZHI_FILE_MS ??= "30000";
process.env.LVZHI_CONVERT_MS ??= "60000";

const CELE = encodeURIComponent("策勒乡");
const PAGE = `/t/${CELE}/check/sheet`;
const CHECK = `/t/${CELE}/check`;
const API = `/api/v1/t/${CELE}/check/sheet`;
const TASK = "请各村做好森林防火宣传";

/** The sample .xls with the bytes of its Workbook stream overwritten: its structure is whole, its sheet is not. */
function garbledWorkbook(xls: Buffer): Buffer {
  const bad = Buffer.from(xls);
  const entry = bad.indexOf(Buffer.from("Workbook", "utf16le"));
  const start = bad.readUInt32LE(entry + 0x74);
  const size = bad.readUInt32LE(entry + 0x78);
  bad.fill(0x5a, (start + 1) * 512, (start + 1) * 512 + size);
  return bad;
}

async function zipWithout(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("readme.txt", "不是工作簿");
  return zip.generateAsync({ type: "uint8array" });
}

describe("damaged or misnamed spreadsheets (task sheet page, check page, API)", { skip: officeSkip }, () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let visitor = 0;
  const post = (path: string, fields: Parameters<typeof form>[0]) =>
    app.request(
      path,
      { method: "POST", body: form(fields) },
      { incoming: { socket: { remoteAddress: `10.7.0.${++visitor}` } } },
    );
  const stored = async () => ({
    saved: (await store.db.selectFrom("saved_checks").select("id").execute()).length,
    editions: (await store.listEditions()).length,
  });

  before(async () => {
    ({ store, app } = await townshipApp("县公安局"));
  });
  after(async () => {
    await closeWorkPool();
    await store.close();
  });

  test("each damaged or misnamed file is refused by the page, the check page and the API with the same message", async () => {
    const xls = officeSheetSample();
    const xlsx = await taskSheetXlsx([TASK, "协助县剧院推销新剧门票"]);
    const cases: [string, Uint8Array, RegExp][] = [
      ["截断.xls", xls.subarray(0, Math.floor(xls.length / 2)), /被截断/],
      ["乱码.xls", garbledWorkbook(xls), /无法转换|已损坏/],
      ["文字.xls", Buffer.from("这不是表格，只是几句话。\n第二行。\n"), /纯文本/],
      ["压缩包.xlsx", await zipWithout(), /xl\/workbook\.xml/],
      ["截断.xlsx", xlsx.subarray(0, Math.floor(xlsx.length / 2)), /已损坏或不完整/],
    ];
    for (const [name, bytes, why] of cases) {
      const message = new RegExp(
        `${name.replace(".", "\\.")}(：|: )(不是完好的 Excel 表格|无法转换为 \\.xlsx)`,
      );
      const page = await post(PAGE, { file: { name, bytes } });
      assert.equal(page.status, 400, `${name}: the page refuses it`);
      const html = await page.text();
      assert.match(html, message, `${name}: the page names the file`);
      assert.match(html, why, name);
      assert.doesNotMatch(html, /请选择任务所在的列|name="column"/, `${name}: no column chooser`);
      assert.match(html, /<p class="notice error" role="alert">/, `${name}: the reason, above…`);
      assert.match(html, /id="sheet-file"/, `${name}: …the upload form again, not an error page`);
      const check = await post(CHECK, { file: { name, bytes }, view: "page" });
      assert.equal(check.status, 400, `${name}: the check page refuses it`);
      const checkHtml = await check.text();
      assert.match(checkHtml, message, `${name}: the check page names the file`);
      assert.match(checkHtml, /id="check-file"/, `${name}: the check form again`);
      const api = await post(API, { file: { name, bytes } });
      assert.equal(api.status, 400, `${name}: the API refuses it`);
      const body = (await api.json()) as {
        error: { code: string; message: string; details: { file?: string } };
      };
      assert.equal(body.error.code, "invalid");
      assert.match(body.error.message, message, `${name}: the API names the file`);
      assert.match(body.error.message, why, name);
      assert.equal(body.error.details.file, name);
    }
    assert.deepEqual(await stored(), { saved: 0, editions: 1 });
  });

  test("a sheet without task rows, on either page: the form again with the reason, not an error page", async () => {
    const bytes = Buffer.from("序号,工作内容\r\n");
    for (const [path, field] of [
      [PAGE, "sheet-file"],
      [CHECK, "check-file"],
    ] as const) {
      const res = await post(path, { file: { name: "只有表头.csv", bytes }, view: "page" });
      assert.equal(res.status, 400, path);
      const html = await res.text();
      assert.match(html, /只有表头\.csv:1: 工作表“只有表头\.csv”在表头之下没有任务行/, path);
      assert.match(html, new RegExp(`id="${field}"`), `${path}: the form again`);
    }
  });

  test("an .xls saved by an old system as an HTML table, or as Excel 2003 XML, is read as the sheet it is", async () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>' +
      `<table border="1"><tr><td>序号</td><td>工作任务</td></tr><tr><td>1</td><td>${TASK}</td></tr></table></body></html>`;
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n' +
      '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
      '<Worksheet ss:Name="任务"><Table><Row><Cell><Data ss:Type="String">序号</Data></Cell><Cell><Data ss:Type="String">工作任务</Data></Cell></Row>' +
      `<Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="String">${TASK}</Data></Cell></Row></Table></Worksheet></Workbook>`;
    for (const [name, text] of [
      ["导出.xls", html],
      ["导出2003.xls", xml],
    ] as const) {
      const res = await post(API, { file: { name, bytes: Buffer.from(text) } });
      assert.equal(res.status, 200, `${name}: ${res.status === 200 ? "" : await res.clone().text()}`);
      const body = (await res.json()) as { column: { header: string }; rows: { text: string }[] };
      assert.equal(body.column.header, "工作任务", name);
      assert.deepEqual(
        body.rows.map((r) => r.text),
        [TASK],
        name,
      );
      const page = await post(PAGE, { file: { name, bytes: Buffer.from(text) } });
      assert.equal(page.status, 200, name);
      assert.match(await page.text(), new RegExp(TASK), name);
    }
  });
});

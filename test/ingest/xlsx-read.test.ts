/** The .xlsx reader on workbooks built the way offices build them, and the workbooks it refuses. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { CooperativeItem } from "../../src/domain/edition.ts";
import { DocumentError } from "../../src/domain/problem.ts";
import { assemble } from "../../src/ingest/assemble.ts";
import { readXlsx } from "../../src/ingest/xlsx.ts";
import { detectContainer } from "../../src/ingest/zip-limits.ts";

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A workbook as a county office might send it: title rows, shuffled headers, merged categories, extras. */
function officeWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const preface = wb.addWorksheet("说明");
  for (const text of [
    "新疆维吾尔自治区和田地区于田县 木尕拉镇履职事项清单",
    "2025年9月",
    "说 明",
    "基本履职事项清单是本镇必须为的事项。主要包括党的建设、乡村振兴 2 个类别，共有基本履职事项 3 项。",
  ]) {
    preface.addRow([text]);
  }
  wb.addWorksheet("统计表").addRow(["合计", 3]);

  const basic = wb.addWorksheet("基本履职事项");
  basic.addRow(["于田县木尕拉镇基本履职事项清单"]);
  basic.mergeCells("A1:D1");
  basic.addRow(["事项名称", "序号", " 备 注 ", "事项类别"]);
  basic.addRow([
    { richText: [{ text: "加强基层" }, { text: "党组织建设", font: { bold: true } }] },
    1,
    null,
    "党的建设",
  ]);
  basic.addRow(["做好“四老”人员服务", 2, null, null]);
  basic.mergeCells("D3:D4");
  basic.addRow(["举办石榴花节", 3, { formula: '"个"&"性"', result: "个性" }, "乡村振兴"]);
  basic.addRow([]);

  const cooperative = wb.addWorksheet("配合履职事项清单");
  cooperative.addRow([
    "序号",
    "事项类别",
    "事项名称",
    "对应上级部门",
    "上级部门职责",
    "乡镇(街道)配合职责",
    "备注",
  ]);
  cooperative.addRow([
    1,
    "党的建设",
    "推荐党代表",
    "县委组织部",
    "1.提名_x000D_\r\n2.考察",
    "1.推荐\n2.公示",
    "",
  ]);
  return wb;
}

async function refused(bytes: Uint8Array, pattern: RegExp): Promise<void> {
  const error = await readXlsx(bytes, "bad.xlsx").then(
    () => assert.fail("expected a DocumentError"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DocumentError, `DocumentError expected, got ${error}`);
  assert.equal(error.file, "bad.xlsx");
  assert.match(error.message, pattern);
}

describe("readXlsx", () => {
  it("maps shuffled headers, fills merged categories down, reads rich text and cached formula results", async () => {
    const bytes = await bytesOf(officeWorkbook());
    assert.equal(await detectContainer(bytes), "xlsx");
    const raw = await readXlsx(bytes, "m.xlsx");
    assert.deepEqual(
      raw.paragraphs.map((p) => p.text),
      officeWorkbook().getWorksheet("说明")!.getColumn(1).values.filter(Boolean),
    );
    assert.deepEqual(
      raw.tables.map((t) => [t.list, t.title]),
      [
        ["basic", "于田县木尕拉镇基本履职事项清单"],
        ["cooperative", "配合履职事项清单"],
      ],
    );
    const [basic, cooperative] = raw.tables;
    assert.deepEqual(basic!.header, ["序号", "事项类别", "事项名称", "备 注"]);
    assert.deepEqual(
      basic!.rows.map((r) => [r.line, ...r.cells]),
      [
        [3, "1", "党的建设", "加强基层党组织建设", ""],
        [4, "2", "党的建设", "做好“四老”人员服务", ""],
        [5, "3", "乡村振兴", "举办石榴花节", "个性"],
      ],
    );
    assert.equal(cooperative!.rows[0]!.cells[4], "1.提名\n2.考察");
    assert.deepEqual(
      raw.problems?.map((p) => p.code),
      ["sheet-skipped"],
    );
  });

  it("assembles into an edition through the shared cell rules", async () => {
    const { draft } = assemble(await readXlsx(await bytesOf(officeWorkbook()), "m.xlsx"));
    assert.equal(draft.township, "木尕拉镇");
    assert.equal(draft.date, "2025-09");
    assert.deepEqual(
      draft.items.filter((i) => i.local).map((i) => i.name),
      ["举办石榴花节"],
    );
    const first = draft.items.find((i) => i.list === "cooperative") as CooperativeItem;
    assert.deepEqual(first.departmentDuties, [
      { department: "县委组织部", heading: null, steps: ["提名", "考察"] },
    ]);
    assert.deepEqual(first.townshipDuties, [{ department: null, heading: null, steps: ["推荐", "公示"] }]);
  });

  it("finds a list sheet by its header row when its name says nothing", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["序号", "事项类别", "事项名称", "承接部门及工作方式", "备注"]);
    ws.addRow([1, "乡村振兴", "屠宰检疫", "县农业农村局：\n工作方式：由县农业农村局负责。", ""]);
    const raw = await readXlsx(await bytesOf(wb), "s.xlsx");
    assert.equal(raw.tables[0]?.list, "reclaimed");
  });

  it("refuses a workbook whose sheets are unrelated, naming them", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("工资表").addRow(["姓名", "金额"]);
    wb.addWorksheet("Sheet2").addRow(["备忘"]);
    await refused(await bytesOf(wb), /工作表 “工资表”、“Sheet2” 都不是清单/);
  });

  it("refuses a list sheet without its header row", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("基本履职事项").addRow([1, "党的建设", "加强党建"]);
    await refused(await bytesOf(wb), /工作表“基本履职事项”中找不到表头行/);
  });

  it("refuses a list sheet that lacks an official column, with its row", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("上级部门收回事项");
    ws.addRow(["说明文字"]);
    ws.addRow(["序号", "事项类别", "事项名称", "备注"]);
    const error = await readXlsx(await bytesOf(wb), "bad.xlsx").catch((e: unknown) => e);
    assert.ok(error instanceof DocumentError);
    assert.equal(error.line, 2);
    assert.match(error.message, /缺少“承接部门及工作方式”列/);
  });

  it("refuses a Word document, a truncated workbook, and a workbook whose parts inflate past the cap", async () => {
    const word = new JSZip();
    word.file("word/document.xml", "<w:document/>");
    await refused(await word.generateAsync({ type: "nodebuffer" }), /这是 Word 文档/);
    const whole = await bytesOf(officeWorkbook());
    await refused(whole.subarray(0, whole.length - 200), /损坏或不完整/);
    const bomb = new JSZip();
    bomb.file("xl/workbook.xml", "<workbook/>");
    bomb.file("xl/sharedStrings.xml", Buffer.alloc(3 * 1024 * 1024, 0x20));
    const bytes = await bomb.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const error = await readXlsx(bytes, "bomb.xlsx", {
      maxXmlBytes: 1 << 20,
      maxEntryBytes: 1 << 20,
      maxTotalBytes: 2 << 20,
      maxEntries: 50,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof DocumentError);
    assert.match(error.message, /xl\/sharedStrings\.xml 解压后超过 1 MB/);
  });

  it("joins an item laid out over several rows (序号 merged down, one step per row)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("配合");
    ws.addRow([
      "序号",
      "事项类别",
      "事项名称",
      "对应上级部门",
      "上级部门职责",
      "乡镇（街道）配合职责",
      "备注",
    ]);
    ws.addRow([1, "党的建设", "推荐党代表", "县委组织部", "1.提名", "1.推荐", ""]);
    ws.addRow([null, null, null, null, "2.考察", "2.公示", ""]);
    ws.addRow([null, null, null, null, "3.上报", null, ""]);
    for (const column of ["A", "B", "C", "D"]) ws.mergeCells(`${column}2:${column}4`);
    ws.addRow([2, "党的建设", "政协委员推荐", "县政协办公室", "1.发布信息", "1.推荐", ""]);
    const raw = await readXlsx(await bytesOf(wb), "rows.xlsx");
    assert.deepEqual(
      raw.tables[0]!.rows.map((r) => [r.line, ...r.cells.slice(0, 6)]),
      [
        [2, "1", "党的建设", "推荐党代表", "县委组织部", "1.提名\n2.考察\n3.上报", "1.推荐\n2.公示"],
        [5, "2", "党的建设", "政协委员推荐", "县政协办公室", "1.发布信息", "1.推荐"],
      ],
    );
  });
});

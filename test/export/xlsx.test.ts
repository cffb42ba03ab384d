/** The .xlsx export's official layout, and that no cell can run as a formula. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { writeXlsx } from "../../src/export/xlsx.ts";
import { OFFICIAL_COLUMNS } from "../../src/ingest/raw.ts";
import { awkwardEdition } from "./awkward.ts";
import { bundledEdition } from "./helpers.ts";

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

describe("writeXlsx", () => {
  it("writes a 说明 sheet and three list sheets with the official headers, frozen and styled", async () => {
    const draft = await bundledEdition();
    const wb = await load(await writeXlsx(draft));
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ["说明", "基本履职事项清单", "配合履职事项清单", "上级部门收回事项清单"],
    );
    const lists = { basic: wb.worksheets[1]!, cooperative: wb.worksheets[2]!, reclaimed: wb.worksheets[3]! };
    for (const [list, ws] of Object.entries(lists)) {
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      assert.deepEqual(header, OFFICIAL_COLUMNS[list as keyof typeof OFFICIAL_COLUMNS]);
      assert.equal(ws.views[0]?.state, "frozen");
      assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
      assert.equal(ws.getCell(1, 1).font?.bold, true);
      assert.equal(ws.getCell(2, 3).alignment?.wrapText, true);
      assert.equal(ws.pageSetup.orientation, "landscape");
    }
    assert.equal(lists.basic.rowCount, 117);
    assert.equal(lists.cooperative.rowCount, 99);
    assert.equal(lists.reclaimed.rowCount, 41);
    assert.equal(wb.worksheets[0]!.getCell(1, 1).value, draft.title);
  });

  it("sizes columns to their content within limits, and puts one step per line", async () => {
    const wb = await load(await writeXlsx(await bundledEdition()));
    const cooperative = wb.getWorksheet("配合履职事项清单")!;
    const widths = cooperative.columns.map((c) => c.width ?? 0);
    assert.ok(widths[0]! <= 6, "序号 stays narrow");
    assert.equal(widths[4], 60, "a long duty column is capped and wraps");
    assert.ok(widths[2]! > widths[0]! && widths[2]! <= 40);
    const first = String(cooperative.getCell(2, 5).value);
    assert.equal(first.split("\n")[0], "县委组织部：");
    assert.match(first.split("\n")[1]!, /^1\./);
    assert.match(first.split("\n")[2]!, /^2\./);
  });

  it("marks 个性 items in 备注 and with a fill", async () => {
    const draft = awkwardEdition(3);
    const wb = await load(await writeXlsx(draft));
    const ws = wb.getWorksheet("基本履职事项清单")!;
    const local = draft.items.filter((i) => i.list === "basic" && i.local);
    assert.ok(local.length > 0);
    for (const item of local) {
      const row = ws.getRow(item.number + 1);
      assert.equal(row.getCell(4).value, "个性");
      assert.equal((row.getCell(3).fill as ExcelJS.FillPattern).fgColor?.argb, "FFFFF2CC");
    }
    const plain = draft.items.find((i) => i.list === "basic" && !i.local)!;
    assert.equal(
      (ws.getRow(plain.number + 1).getCell(3).fill as ExcelJS.FillPattern | undefined)?.fgColor,
      undefined,
    );
  });

  it("writes text that starts with = + - @ as plain strings: no formula anywhere in the workbook", async () => {
    const draft = awkwardEdition(1);
    const formulaName = draft.items[0]!.name;
    assert.match(formulaName, /^=HYPERLINK/);
    const bytes = await writeXlsx(draft);
    const zip = await JSZip.loadAsync(bytes);
    const sheets = Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/sheet"));
    assert.equal(sheets.length, 4);
    for (const name of sheets) {
      const xml = await zip.file(name)!.async("string");
      assert.doesNotMatch(xml, /<f[ >]/, `${name} has a formula element`);
    }
    const ws = (await load(bytes)).getWorksheet("基本履职事项清单")!;
    assert.equal(ws.getCell(2, 3).type, ExcelJS.ValueType.String);
    assert.equal(ws.getCell(2, 3).value, formulaName);
  });
});

/** Issue 11 row 3: the task column of a spreadsheet is found by its header, or chosen by the user when it is not clear. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { DocumentError } from "../../src/domain/problem.ts";
import { readTaskSheet, taskOf } from "../../src/ingest/task-sheet.ts";
import { taskSheetXlsx } from "../data/file-fixtures.ts";

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("task sheets", () => {
  it("finds 工作任务 under a title row, and every row below it", async () => {
    const sheet = await readTaskSheet(
      await taskSheetXlsx(["请做好森林草原防灭火", "请开展防汛应急演练"]),
      "任务.xlsx",
      "xlsx",
    );
    assert.equal(sheet.sheet, "交办任务");
    assert.equal(sheet.headerRow, 2);
    assert.equal(sheet.taskColumn, 2);
    assert.deepEqual(
      sheet.rows.map((r) => [r.line, taskOf(sheet, r)]),
      [
        [3, "请做好森林草原防灭火"],
        [4, "请开展防汛应急演练"],
      ],
    );
  });

  it("does not take 交办部门 or 备注 for the task, but takes 任务内容", async () => {
    const sheet = await readTaskSheet(
      await workbook([
        ["序号", "责任部门", "任务内容", "备注"],
        [1, "县应急管理局", "开展防汛应急演练", "无"],
      ]),
      "t.xlsx",
      "xlsx",
    );
    assert.equal(sheet.taskColumn, 2);
  });

  it("two columns that both could be the task are offered to the user; the choice is then used", async () => {
    const bytes = await workbook([
      ["事项", "任务", "时限"],
      ["防汛", "开展防汛应急演练", "6月"],
    ]);
    const open = await readTaskSheet(bytes, "t.xlsx", "xlsx");
    assert.equal(open.taskColumn, null);
    assert.deepEqual(
      open.candidates.map((c) => `${c.letter}:${c.header}`),
      ["A:事项", "B:任务"],
    );
    const chosen = await readTaskSheet(bytes, "t.xlsx", "xlsx", 1);
    assert.equal(taskOf(chosen, chosen.rows[0]!), "开展防汛应急演练");
    await assert.rejects(readTaskSheet(bytes, "t.xlsx", "xlsx", 7), (e: unknown) => {
      assert.ok(e instanceof DocumentError);
      assert.match(e.message, /t\.xlsx:1: 没有第 H 列/);
      return true;
    });
  });

  it("a sheet without a task header offers the columns that hold text", async () => {
    const sheet = await readTaskSheet(
      await workbook([
        ["甲", "乙", "丙"],
        ["1", "开展防汛应急演练", ""],
      ]),
      "t.xlsx",
      "xlsx",
    );
    assert.equal(sheet.taskColumn, null);
    assert.deepEqual(
      sheet.candidates.map((c) => c.letter),
      ["A", "B"],
    );
  });

  it("reads a GB18030 CSV as Excel saves it, header 内容", async () => {
    const text =
      '序号,内容,完成时限\r\n1,开展防汛应急演练,6月底\r\n2,"做好森林草原防灭火，落实护林员巡护",长期\r\n';
    const gb = Buffer.from(new TextEncoder().encode(text)); // UTF-8 first, to show both decode
    const sheet = await readTaskSheet(gb, "任务.csv", "csv");
    assert.equal(sheet.taskColumn, 1);
    assert.equal(taskOf(sheet, sheet.rows[1]!), "做好森林草原防灭火，落实护林员巡护");
    const gbk = Buffer.from([0xc4, 0xda, 0xc8, 0xdd, 0x0a, 0xbf, 0xaa, 0xd5, 0xb9]); // 内容\n开展 in GB18030
    const read = await readTaskSheet(gbk, "任务.csv", "csv");
    assert.equal(taskOf(read, read.rows[0]!), "开展");
  });

  it("a sheet with a header and no task rows is refused naming the sheet and row", async () => {
    await assert.rejects(
      readTaskSheet(await workbook([["任务"]]), "空.xlsx", "xlsx"),
      /空\.xlsx:1: 工作表“Sheet1”在表头之下没有任务行/,
    );
  });
});

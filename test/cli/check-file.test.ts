/** `lvzhi check --file 任务表.xlsx` (issue 11 row 3): row by row, --column when the header does not tell, --out writes the annotated workbook. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/main.ts";
import { taskSheetXlsx } from "../data/file-fixtures.ts";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("lvzhi check --file with a task sheet", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-check-file-"));
  const db = join(dir, "empty.db");

  it("checks each row and writes the same workbook with the six columns added", async () => {
    const sheet = join(dir, "任务表.xlsx");
    writeFileSync(
      sheet,
      await taskSheetXlsx(["请乡政府对辖区烟花爆竹经营点开展安全监管", "协助县剧院推销新剧门票"]),
    );
    const out = join(dir, "结果.xlsx");
    const run = await cli("check", "--db", db, "--file", sheet, "--out", out);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /\[第 3 行\] 请乡政府对辖区烟花爆竹经营点开展安全监管\n结论：上级部门收回事项/);
    assert.match(run.out, /\[第 4 行\] 协助县剧院推销新剧门票\n结论：清单外事项/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("交办任务")!;
    assert.equal(ws.getCell("F2").value, "核验结论");
    assert.equal(ws.getCell("F3").value, "上级部门收回事项");
    assert.equal(ws.getCell("H3").value, "承接：县应急管理局");
  });

  it("asks for --column when two columns could hold the tasks, then uses it", async () => {
    const csv = join(dir, "两列.csv");
    writeFileSync(csv, "事项,任务\n防汛,请开展防汛应急演练\n");
    const open = await cli("check", "--db", db, "--file", csv);
    assert.equal(open.code, 2);
    assert.match(open.err, /两列\.csv: 无法从表头确定任务所在的列，请用 --column 指定：A（事项）、B（任务）/);
    const chosen = await cli("check", "--db", db, "--file", csv, "--column", "B", "--json");
    assert.equal(chosen.code, 0);
    const json = JSON.parse(chosen.out);
    assert.equal(json.column, "B");
    assert.equal(json.rows[0].task, "请开展防汛应急演练");
  });
});

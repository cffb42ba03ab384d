/** CSV export: UTF-8 with BOM, quoting, the formula guard, one file per list or a zip, and CSVs Excel saves. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import JSZip from "jszip";
import { escapeFormula, unescapeFormula, writeCsv, writeCsvList } from "../../src/export/csv.ts";
import { assemble } from "../../src/ingest/assemble.ts";
import { readCsvZip } from "../../src/ingest/csv.ts";
import { detectContainer } from "../../src/ingest/zip-limits.ts";
import { awkwardEdition } from "./awkward.ts";
import { bundledEdition } from "./helpers.ts";

describe("CSV export", () => {
  it("starts each file with a UTF-8 BOM and the official header", async () => {
    const csv = writeCsvList(await bundledEdition(), "cooperative");
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(csv.toString("utf8").slice(1));
    assert.deepEqual(rows[0], [
      "序号",
      "事项类别",
      "事项名称",
      "对应上级部门",
      "上级部门职责",
      "乡镇（街道）配合职责",
      "备注",
    ]);
    assert.equal(rows.length, 99);
    assert.match(rows[1]![4]!, /^县委组织部：\n1\./);
  });

  it("guards every cell that a spreadsheet would evaluate, and restores it exactly", () => {
    for (const text of ["=SUM(A1)", "+86", "-5", "@user", "\tx", "\rx", "'=x", "''-y"]) {
      assert.equal(escapeFormula(text), `'${text}`, text);
      assert.equal(unescapeFormula(escapeFormula(text)), text);
    }
    for (const text of ["1.步骤", "'引号开头", "普通文本", "", "a=b"]) {
      assert.equal(escapeFormula(text), text);
      assert.equal(unescapeFormula(text), text);
    }
    const draft = awkwardEdition(1);
    const rows: string[][] = parse(writeCsvList(draft, "basic").toString("utf8").slice(1));
    assert.match(rows[1]![2]!, /^'=HYPERLINK/);
    for (const cell of rows.flat())
      assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `unguarded cell ${cell.slice(0, 30)}`);
  });

  it("bundles 说明 and the three lists in a zip that is recognised from its content", async () => {
    const bytes = await writeCsv(await bundledEdition());
    assert.equal(await detectContainer(bytes), "csv-zip");
    const zip = await JSZip.loadAsync(bytes);
    assert.deepEqual(Object.keys(zip.files).sort(), [
      "上级部门收回事项清单.csv",
      "基本履职事项清单.csv",
      "说明.csv",
      "配合履职事项清单.csv",
    ]);
  });

  it("reads back CSVs that Excel saved as GB18030 without BOM", async () => {
    const draft = await bundledEdition();
    const zip = new JSZip();
    const text = writeCsvList(draft, "basic").toString("utf8").slice(1);
    zip.file("基本.csv", gb18030(text));
    zip.file("说明.csv", gb18030(["说明", draft.title, "2025年7月"].join("\r\n")));
    assert.ok(!gb18030(text).includes(Buffer.from(text.slice(0, 20))), "really not UTF-8");
    const raw = await readCsvZip(await zip.generateAsync({ type: "nodebuffer" }), "excel.zip");
    const { draft: back } = assemble(raw);
    assert.equal(back.township, "策勒乡");
    assert.deepEqual(
      back.items.map((i) => i.name),
      draft.items.filter((i) => i.list === "basic").map((i) => i.name),
    );
  });

  it("refuses a zip without list CSVs", async () => {
    const zip = new JSZip();
    zip.file("readme.txt", "hello");
    zip.file("工资.csv", "姓名,金额\r\n张三,1\r\n");
    await assert.rejects(
      readCsvZip(await zip.generateAsync({ type: "nodebuffer" }), "x.zip"),
      /没有清单 CSV 文件/,
    );
  });
});

/** GB18030 bytes of a text (Node's TextDecoder decodes it; iconv encodes it). */
function gb18030(text: string): Buffer {
  return execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: text });
}

/**
 * Issue 9 row 10 / item 5: every failure of a document is a DocumentError naming the file and place —
 * hostile department names, malformed numbering and styles parts, and documents past the caps on rows,
 * cells, paragraphs and warnings — and the heading may come from the document properties or the caller.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { canonicalDepartment } from "../../src/domain/departments.ts";
import { DocumentError } from "../../src/domain/problem.ts";
import { exportEdition } from "../../src/export/index.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { MAX_CELL_CHARS, MAX_ITEMS } from "../../src/ingest/limits.ts";
import { BASIC_HEADER, docx, FRONT, NUMBERING, p, row, tbl } from "./docx-fixtures.ts";

const SEED = new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url).pathname;
const utf8 = (text: string) => new TextEncoder().encode(text);

async function refused(bytes: Uint8Array, pattern: RegExp, file = "bad.txt"): Promise<DocumentError> {
  const error = await readDocument(bytes, file).then(
    () => assert.fail("expected a DocumentError"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DocumentError, `DocumentError expected, got ${error}`);
  assert.equal(error.file, file);
  assert.equal(error.unexpected, undefined, `a rule refused it, not the safety net: ${error.message}`);
  assert.match(error.message, pattern);
  return error;
}

const HEAD = "示例县 示例镇履职事项清单\n2025年1月\n";
const COOP_HEADER = "序号\t事项类别\t事项名称\t对应上级部门\t上级部门职责\t乡镇（街道）配合职责\t备注\n";

describe("department names from the document never become regular expressions", () => {
  for (const name of [
    "县((((((局",
    "县[[[局",
    "县.*+?^$|局",
    `县${"(".repeat(5000)}局`,
    `县${"应急".repeat(8000)}局`,
  ]) {
    it(`a lead department spelled ${JSON.stringify(name.slice(0, 12))}… (${name.length} characters) is read as text`, async () => {
      // The duty cell spells the name as the lists print it (parentheses full width), so it labels a block.
      const canonical = canonicalDepartment(name, "示例县");
      const text = `${HEAD}示例县示例镇配合履职事项清单\n${COOP_HEADER}1\t党的建设\t甲\t${name}\t${canonical}：制定方案\t上报材料\t\n`;
      const { draft } = await readDocument(utf8(text), "hostile.txt");
      const item = draft.items[0]!;
      assert.ok(item.list === "cooperative");
      assert.deepEqual(item.leadDepartments, [canonical]);
      assert.deepEqual(item.departmentDuties, [
        { department: canonical, heading: null, steps: ["制定方案"] },
      ]);
    });
  }
});

describe("malformed Word parts are refused naming the part", () => {
  const body = `${FRONT}${p("于田县木尕拉镇基本履职事项清单")}${tbl([row(BASIC_HEADER, true), row(["1", "党的建设", "加强党建", ""])])}`;
  for (const part of ["word/numbering.xml", "word/styles.xml"]) {
    it(`${part} cut off mid-tag`, async () => {
      const zip = await JSZip.loadAsync(await docx(body, NUMBERING));
      zip.file(part, '<w:numbering><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><');
      await refused(
        await zip.generateAsync({ type: "uint8array" }),
        new RegExp(`${part} 不是有效的 XML`),
        "bad.docx",
      );
    });
    it(`${part} declaring a DTD`, async () => {
      const zip = await JSZip.loadAsync(await docx(body, NUMBERING));
      zip.file(part, '<!DOCTYPE x [<!ENTITY a "aaaa">]><w:numbering>&a;</w:numbering>');
      await refused(
        await zip.generateAsync({ type: "uint8array" }),
        new RegExp(`${part} 含有 DTD`),
        "bad.docx",
      );
    });
  }

  it("absurd numbering levels and start values are ignored, not iterated", async () => {
    const numbering = NUMBERING.replace('w:ilvl="1"', 'w:ilvl="99999999"').replace(
      '<w:start w:val="1"/><w:numFmt w:val="decimal"/>',
      '<w:start w:val="1e300"/><w:numFmt w:val="lowerRoman"/>',
    );
    const numbered = `${FRONT}${p("于田县木尕拉镇基本履职事项清单")}${tbl([
      row(BASIC_HEADER, true),
      `<w:tr><w:tc>${p("1")}</w:tc><w:tc>${p("党的建设")}</w:tc><w:tc>${p("加强党建", { id: 1 })}</w:tc><w:tc><w:p/></w:tc></w:tr>`,
    ])}`;
    const started = performance.now();
    const { draft } = await readDocument(await docx(numbered, numbering), "odd.docx");
    assert.ok(performance.now() - started < 5000);
    assert.equal(draft.items[0]!.name, "1e+300.加强党建", "the absurd start is shown as digits");
  });
});

describe("worksheets that would make exceljs allocate without bound", () => {
  /** The bundled lists as .xlsx with one worksheet's XML rewritten. */
  async function patchedWorkbook(patch: (xml: string) => string): Promise<Uint8Array> {
    const { draft } = await readDocument(readFileSync(SEED), "cele.txt");
    const zip = await JSZip.loadAsync(await exportEdition(draft, "xlsx"));
    const name = "xl/worksheets/sheet2.xml";
    zip.file(name, patch(await zip.file(name)!.async("string")));
    return zip.generateAsync({ type: "uint8array" });
  }

  it("a column definition up to 4294967296 (found by the fuzzer: 4 GB, then a crash) is refused at once", async () => {
    const bytes = await patchedWorkbook((xml) =>
      xml.replace(/<col min="1" max="1"/, '<col min="1" max="4294967296"'),
    );
    const started = performance.now();
    await refused(bytes, /sheet2\.xml 中列定义 max="4294967296"，超出 Excel 的范围/, "cele.xlsx");
    assert.ok(performance.now() - started < 5000);
  });

  it("a sheet id of 99999999 in workbook.xml (found by the fuzzer: 32 s in exceljs) is refused at once", async () => {
    const { draft } = await readDocument(readFileSync(SEED), "cele.txt");
    const zip = await JSZip.loadAsync(await exportEdition(draft, "xlsx"));
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", workbook.replace(/sheetId="2"/, 'sheetId="99999999"'));
    const started = performance.now();
    await refused(
      await zip.generateAsync({ type: "uint8array" }),
      /工作表编号 sheetId="99999999" 异常/,
      "cele.xlsx",
    );
    assert.ok(performance.now() - started < 5000);
  });

  it("a cell past row 1 048 576 and a merge over a whole sheet are refused", async () => {
    await refused(
      await patchedWorkbook((xml) => xml.replace(/<c r="A2"/, '<c r="A99999999"')),
      /单元格位置 r="A99999999"/,
      "cele.xlsx",
    );
    await refused(
      await patchedWorkbook((xml) =>
        xml.replace(
          "</sheetData>",
          '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        ),
      ),
      /区域 A1:XFD1048576 覆盖/,
      "cele.xlsx",
    );
  });
});

describe("caps on rows, cells, paragraphs and warnings", () => {
  it("a million stray lines after the tables are refused quickly instead of stored as 990k warnings", async () => {
    const cele = readFileSync(SEED, "utf8");
    const started = performance.now();
    const error = await refused(utf8(cele + "无法识别\n".repeat(1_000_000)), /无法识别，超过上限/);
    assert.ok(error.line && error.line > 375, "names the line where the cap was passed");
    assert.ok(performance.now() - started < 15_000, `${performance.now() - started} ms`);
  });

  it(`more than ${MAX_ITEMS} item rows are refused`, async () => {
    const rows = Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `${i + 1}\t党的建设\t事项${i + 1}\t`).join(
      "\n",
    );
    await refused(
      utf8(`${HEAD}示例县示例镇基本履职事项清单\n序号\t事项类别\t事项名称\t备注\n${rows}\n`),
      /清单行数超过上限 2000/,
    );
  });

  it("a cell past the cap is refused naming its row and column", async () => {
    const text = `${HEAD}示例县示例镇基本履职事项清单\n序号\t事项类别\t事项名称\t备注\n1\t党的建设\t${"长".repeat(MAX_CELL_CHARS + 1)}\t\n`;
    const error = await refused(utf8(text), /第 5 行“事项名称”单元格有 20001 字，超过单元格上限 20000 字/);
    assert.equal(error.line, 5);
  });

  it("more than 500 warnings are refused (each row here repeats a step number)", async () => {
    const rows = Array.from(
      { length: 600 },
      (_, i) => `${i + 1}\t党的建设\t事项${i + 1}\t县委组织部\t1.甲 1.乙\t1.丙 1.丁\t`,
    ).join("\n");
    await refused(utf8(`${HEAD}示例县示例镇配合履职事项清单\n${COOP_HEADER}${rows}\n`), /问题，超过上限 500/);
  });

  it("an edition JSON past the caps is refused too", async () => {
    const { draft } = await readDocument(readFileSync(SEED), "cele.txt");
    const long = {
      ...draft,
      items: draft.items.map((item) => ({ ...item, name: "长".repeat(MAX_CELL_CHARS + 1) })),
    };
    await refused(await exportEdition(long, "json"), /basic 第 1 项的文字有 20001 字/, "long.json");
  });
});

describe("where the township, county and date come from", () => {
  /** A workbook with the three lists and no title anywhere in its cells. */
  async function untitledWorkbook(title?: string): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    if (title) wb.title = title;
    wb.addWorksheet("基本").addRows([
      ["序号", "事项类别", "事项名称", "备注"],
      [1, "党的建设", "加强党建", ""],
    ]);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it("a workbook naming its township and county only in its document properties imports", async () => {
    const { draft } = await readDocument(await untitledWorkbook("策勒县策勒乡履职事项清单"), "lists.xlsx");
    assert.equal(draft.township, "策勒乡");
    assert.equal(draft.county, "策勒县");
    assert.equal(draft.title, "策勒县策勒乡履职事项清单");
  });

  it("a workbook naming them nowhere is refused, pointing to --township/--county; given them, it imports", async () => {
    const bytes = await untitledWorkbook();
    await refused(bytes, /找不到乡镇名称.*--township/, "lists.xlsx");
    const { draft } = await readDocument(bytes, "lists.xlsx", {
      township: "示例镇",
      county: "示例县",
      date: "2025-03",
    });
    assert.equal(draft.township, "示例镇");
    assert.equal(draft.county, "示例县");
    assert.equal(draft.date, "2025-03");
    assert.equal(draft.items.length, 1);
  });

  it("given values win over the file's, with a warning saying what changed", async () => {
    const { draft, problems } = await readDocument(
      utf8(`${HEAD}示例县示例镇基本履职事项清单\n序号\t事项类别\t事项名称\t备注\n1\t党的建设\t甲\t\n`),
      "x.txt",
      {
        date: "2025-02",
      },
    );
    assert.equal(draft.date, "2025-02");
    assert.equal(draft.township, "示例镇");
    assert.ok(problems.some((p) => p.code === "heading-overridden" && /2025-01.*2025-02/.test(p.message)));
  });
});

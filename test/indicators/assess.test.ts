/**
 * Issue 11 row 5: a county's 考核 indicator table checked against the Cele lists — reclaimed items (不得对乡镇考核),
 * unlisted indicators (未经准入), cooperative items scored as if the township led them — with the points
 * concerned totalled per 考核部门. The sample table names real items; each indicator's expected finding is in it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CooperativeItem } from "../../src/domain/edition.ts";
import { DocumentError } from "../../src/domain/problem.ts";
import {
  assessIndicator,
  indicatorText,
  leadWording,
  summarizeIndicators,
} from "../../src/indicators/assess.ts";
import { pointsOf, readIndicatorTable } from "../../src/indicators/read.ts";
import { checkWithPrecedents, indexFor } from "../../src/match/index.ts";
import { indicatorTableDocx, indicatorTableXlsx, SAMPLE_INDICATORS } from "../data/file-fixtures.ts";
import { bundledEdition } from "../export/helpers.ts";

async function assessed(bytes: Buffer, file: string, format: "xlsx" | "docx") {
  const draft = await bundledEdition();
  const index = indexFor("cele-indicators", draft);
  const table = await readIndicatorTable(bytes, file, format);
  return {
    draft,
    table,
    rows: table.indicators.map((i) =>
      assessIndicator(draft, i, checkWithPrecedents(index, indicatorText(i), [])),
    ),
  };
}

describe("考核 indicator tables", () => {
  it("reads the .xlsx table: header under the title, merged 一级指标 filled down, the 合计 row left out", async () => {
    const { table } = await assessed(await indicatorTableXlsx(), "考核.xlsx", "xlsx");
    assert.equal(table.sheet, "乡镇考核指标");
    assert.equal(table.headerRow, 2);
    assert.deepEqual(table.columns, {
      name: "指标名称",
      content: "考核内容",
      points: "分值",
      department: "考核部门",
    });
    assert.equal(table.indicators.length, SAMPLE_INDICATORS.length);
    assert.deepEqual(
      table.indicators.map((i) => i.group),
      SAMPLE_INDICATORS.map((i) => i.group),
    );
  });

  for (const format of ["xlsx", "docx"] as const) {
    it(`judges every indicator of the sample table as expected (.${format})`, async () => {
      const bytes = format === "xlsx" ? await indicatorTableXlsx() : await indicatorTableDocx();
      const { rows } = await assessed(bytes, `考核.${format}`, format);
      assert.deepEqual(
        rows.map((r) => `${r.name}:${r.finding}`),
        SAMPLE_INDICATORS.map((i) => `${i.name}:${i.expect}`),
      );
    });
  }

  it("says who took a reclaimed item over, and when the assessing department is that department", async () => {
    const { rows } = await assessed(await indicatorTableXlsx(), "考核.xlsx", "xlsx");
    const slaughter = rows.find((r) => r.name === "屠宰检疫")!;
    assert.match(
      slaughter.explanation,
      /上级部门收回事项第10项“屠宰检疫”已由县农业农村局承接，考核部门即承接部门，不得再对乡镇考核/,
    );
    const fireworks = rows.find((r) => r.name === "烟花爆竹经营安全监管")!;
    assert.match(fireworks.explanation, /第36项“烟花爆竹安全监管”已由县应急管理局承接/);
  });

  it("names the lead department's step that an indicator puts on the township", async () => {
    const { rows } = await assessed(await indicatorTableXlsx(), "考核.xlsx", "xlsx");
    const vaccines = rows.find((r) => r.name === "疫苗接种工作")!;
    assert.match(
      vaccines.explanation,
      /由县卫生健康委员会牵头；指标要求乡镇承担县卫生健康委员会的职责“提供各类疫苗，注射器等医用耗材”/,
    );
  });

  it("wording that keeps the township cooperating is not scored as leading, whatever it repeats", async () => {
    const draft = await bundledEdition();
    const item = draft.items.find((i) => i.list === "cooperative" && i.number === 36) as CooperativeItem;
    assert.ok(leadWording("制定乡村振兴战略实绩考核办法，明确考核指标与评估标准", item));
    assert.equal(leadWording("配合制定乡村振兴战略实绩考核办法", item), undefined);
    assert.equal(leadWording("完善乡村振兴及脱贫成果相关档案资料，宣传解读政策", item), undefined);
  });

  it("totals the points concerned per 考核部门, most concerned first", async () => {
    const { rows } = await assessed(await indicatorTableXlsx(), "考核.xlsx", "xlsx");
    const summary = summarizeIndicators(rows);
    const total = SAMPLE_INDICATORS.reduce((s, i) => s + i.points, 0);
    assert.equal(summary.indicators, 16);
    assert.equal(summary.points, total);
    const sum = (f: string) =>
      SAMPLE_INDICATORS.filter((i) => i.expect === f).reduce((s, i) => s + i.points, 0);
    assert.deepEqual(summary.flagged, {
      reclaimed: { indicators: 5, points: sum("reclaimed") },
      unlisted: { indicators: 2, points: sum("unlisted") },
      lead: { indicators: 2, points: sum("lead") },
    });
    const agriculture = summary.departments[0]!;
    assert.equal(agriculture.department, "县农业农村局");
    assert.deepEqual(agriculture.flagged.reclaimed, { indicators: 3, points: 15 });
    assert.deepEqual(agriculture.flagged.lead, { indicators: 1, points: 8 });
    assert.equal(agriculture.points, 29);
  });

  it("a table without indicator headers is refused naming the file and the expected columns", async () => {
    await assert.rejects(
      readIndicatorTable(Buffer.from("序号,名称\n1,甲\n"), "乱.csv", "csv"),
      (e: unknown) => {
        assert.ok(e instanceof DocumentError);
        assert.match(e.message, /^乱\.csv: 没有找到考核指标表：表头应含“指标名称”/);
        return true;
      },
    );
  });

  it("reads points written as 5、5分、５ 分; other text is no number", () => {
    assert.deepEqual(["5", "5分", "５ 分", "2.5", "五分", ""].map(pointsOf), [5, 5, 5, 2.5, null, null]);
  });
});

/** The .docx reader on crafted WordprocessingML: titles, headers, merged cells, numbering, split tables. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CooperativeItem, ReclaimedItem } from "../../src/domain/edition.ts";
import { assemble } from "../../src/ingest/assemble.ts";
import { readDocx } from "../../src/ingest/docx.ts";
import { formatNumber } from "../../src/ingest/docx-numbering.ts";
import { detectContainer } from "../../src/ingest/zip-limits.ts";
import {
  BASIC_HEADER,
  COOPERATIVE_HEADER,
  docx,
  FRONT,
  NUMBERING,
  p,
  row,
  tbl,
  tc,
} from "./docx-fixtures.ts";

/** A basic table with a repeating header row, a manually repeated header, and a category merged down. */
const BASIC = [
  p("于田县木尕拉镇基本履职事项清单"),
  tbl([
    row(BASIC_HEADER, true),
    `<w:tr>${tc(p("1"))}${tc(p("党的建设"), { vMerge: "restart" })}${tc(p("加强基层党组织建设"))}${tc("")}</w:tr>`,
    `<w:tr>${tc(p("2"))}${tc("", { vMerge: "continue" })}${tc(p("做好“四老”人员服务"))}${tc("")}</w:tr>`,
    row(BASIC_HEADER),
    row(["3", "乡村振兴", "举办石榴花节", "个性"]),
    row(["", "", "", ""]),
  ]),
].join("");

/** Cooperative: numbered steps (Word numbering restarted per cell), a heading numbered 一、, bullets, a break. */
const COOPERATIVE = [
  p("于田县木尕拉镇配合履职事项清单"),
  tbl([
    row(COOPERATIVE_HEADER, true),
    `<w:tr>${tc(p("1"))}${tc(p("党的建设"))}${tc(p("推荐党代表"))}${tc(p("县委组织部、县委宣传部"))}${tc(
      [
        p("县委组织部："),
        p("提名", { id: 2 }),
        p("考察", { id: 2 }),
        p("县委宣传部："),
        p("宣传", { id: 7 }),
      ].join(""),
    )}${tc([p("年度工作", { id: 9 }), p("推荐", { id: 3 }), p("公示", { id: 3 })].join(""))}${tc("")}</w:tr>`,
  ]),
  // The list goes on in a second table after a page break: no title, no header.
  tbl([
    `<w:tr>${tc(p("2"))}${tc(p("乡村振兴"))}${tc(p("高标准农田建设"))}${tc(p("县农业农村局"))}${tc(
      "<w:p><w:r><w:t>1.制定规划</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>2.组织验收</w:t></w:r><w:del><w:r><w:delText>3.已删除的步骤</w:delText></w:r></w:del></w:p>",
    )}${tc(p("1.配合选址"))}${tc("")}</w:tr>`,
  ]),
].join("");

/** Reclaimed, with its columns in another order and a content control around a row. */
const RECLAIMED = [
  p("于田县木尕拉镇上级部门收回事项清单"),
  tbl([
    row(["序号", "事项名称", "事项类别", "备注", "承接部门及工作方式"]),
    `<w:sdt><w:sdtContent>${row(["1", "屠宰检疫", "乡村振兴", "", "县农业农村局：\n工作方式：由县农业农村局负责检疫。"])}</w:sdtContent></w:sdt>`,
    row(["2", "“富民贷”推广工作", "乡村振兴", "", "承接部门：无\n工作方式：不再开展此项工作。"]),
  ]),
  p("屠宰检疫"),
  p("附件：以上事项自发布之日起执行"),
].join("");

describe("readDocx", () => {
  it("reads preface, tables, merged cells, numbering and split tables into a RawDocument", async () => {
    const raw = await readDocx(await docx(FRONT + BASIC + COOPERATIVE + RECLAIMED, NUMBERING), "m.docx");
    assert.deepEqual(
      raw.paragraphs.map((x) => x.text),
      [
        "新疆维吾尔自治区和田地区于田县 木尕拉镇履职事项清单",
        "2025年9月",
        "说 明",
        "一、清单内容",
        "基本履职事项清单是本镇必须为的事项。主要包括党的建设、乡村振兴 2 个类别，共有基本履职事项 3 项。",
        "目 录",
        "1.基本履职事项清单..... 1",
      ],
    );
    assert.deepEqual(
      raw.tables.map((t) => [t.list, t.title, t.rows.length]),
      [
        ["basic", "于田县木尕拉镇基本履职事项清单", 3],
        ["cooperative", "于田县木尕拉镇配合履职事项清单", 2],
        ["reclaimed", "于田县木尕拉镇上级部门收回事项清单", 2],
      ],
    );
    const [basic, cooperative, reclaimed] = raw.tables;
    assert.deepEqual(
      basic!.rows.map((r) => r.cells),
      [
        ["1", "党的建设", "加强基层党组织建设", ""],
        ["2", "党的建设", "做好“四老”人员服务", ""],
        ["3", "乡村振兴", "举办石榴花节", "个性"],
      ],
    );
    assert.deepEqual(
      basic!.rows.map((r) => r.line),
      [2, 3, 5],
    );
    assert.equal(cooperative!.rows[0]!.cells[4], "县委组织部：\n1.提名\n2.考察\n县委宣传部：\n\u2022 宣传");
    assert.equal(cooperative!.rows[0]!.cells[5], "一、年度工作\n1.推荐\n2.公示");
    assert.equal(cooperative!.rows[1]!.cells[4], "1.制定规划\n2.组织验收");
    assert.deepEqual(reclaimed!.rows[0]!.cells, [
      "1",
      "乡村振兴",
      "屠宰检疫",
      "县农业农村局：\n工作方式：由县农业农村局负责检疫。",
      "",
    ]);
    assert.equal(raw.appendixLines, 1);
    assert.deepEqual(
      raw.problems?.map((x) => x.code),
      ["stray-line"],
    );
  });

  it("gives the shared cell rules what they need: the edition assembles with steps and departments", async () => {
    const raw = await readDocx(await docx(FRONT + BASIC + COOPERATIVE + RECLAIMED, NUMBERING), "m.docx");
    const { draft } = assemble(raw);
    assert.equal(draft.township, "木尕拉镇");
    assert.equal(draft.county, "于田县");
    assert.equal(draft.date, "2025-09");
    assert.equal(draft.stated.basic.items, 3);
    const first = draft.items.find((i) => i.list === "cooperative" && i.number === 1) as CooperativeItem;
    assert.deepEqual(first.leadDepartments, ["县委组织部", "县委宣传部"]);
    assert.deepEqual(first.departmentDuties, [
      { department: "县委组织部", heading: null, steps: ["提名", "考察"] },
      { department: "县委宣传部", heading: null, steps: ["宣传"] },
    ]);
    assert.deepEqual(first.townshipDuties, [
      { department: null, heading: "一、年度工作", steps: ["推荐", "公示"] },
    ]);
    const none = draft.items.find((i) => i.list === "reclaimed" && i.number === 2) as ReclaimedItem;
    assert.deepEqual(none.takeover, {
      departments: [],
      none: true,
      workMethod: ["不再开展此项工作。"],
      workStandard: [],
    });
    assert.equal(draft.items.find((i) => i.list === "basic" && i.number === 3)?.local, true);
  });

  it("detects Word and Excel containers from the content", async () => {
    assert.equal(await detectContainer(await docx(BASIC)), "docx");
    assert.equal(await detectContainer(Buffer.from("序号\t事项类别")), "none");
  });

  it("formats Word numbering the way Word shows it", () => {
    assert.deepEqual(
      [1, 10, 12, 20, 21].map((n) => formatNumber(n, "chineseCounting")),
      ["一", "十", "十二", "二十", "二十一"],
    );
    assert.equal(formatNumber(3, "decimalEnclosedCircle"), "③");
    assert.equal(formatNumber(4, "upperRoman"), "IV");
    assert.equal(formatNumber(28, "lowerLetter"), "ab");
    assert.equal(formatNumber(7, "decimalFullWidth"), "７");
  });

  it("joins an item laid out over several rows (序号 merged down, one step per row)", async () => {
    const cells = (first: boolean, step: string, township: string) =>
      `<w:tr>${[
        first ? tc(p("1"), { vMerge: "restart" }) : tc("", { vMerge: "continue" }),
        first ? tc(p("党的建设"), { vMerge: "restart" }) : tc("", { vMerge: "continue" }),
        first ? tc(p("推荐党代表"), { vMerge: "restart" }) : tc("", { vMerge: "continue" }),
        first ? tc(p("县委组织部"), { vMerge: "restart" }) : tc("", { vMerge: "continue" }),
        tc(p(step)),
        tc(township ? p(township) : ""),
        tc(""),
      ].join("")}</w:tr>`;
    const body =
      FRONT +
      p("于田县木尕拉镇配合履职事项清单") +
      tbl([
        row(COOPERATIVE_HEADER, true),
        cells(true, "1.提名", "1.推荐"),
        cells(false, "2.考察", "2.公示"),
        cells(false, "3.上报", ""),
        row(["2", "党的建设", "政协委员推荐", "县政协办公室", "1.发布信息", "1.推荐", ""]),
      ]);
    const raw = await readDocx(await docx(body), "rows.docx");
    assert.deepEqual(
      raw.tables[0]!.rows.map((r) => [r.line, ...r.cells.slice(0, 6)]),
      [
        [2, "1", "党的建设", "推荐党代表", "县委组织部", "1.提名\n2.考察\n3.上报", "1.推荐\n2.公示"],
        [5, "2", "党的建设", "政协委员推荐", "县政协办公室", "1.发布信息", "1.推荐"],
      ],
    );
  });
});

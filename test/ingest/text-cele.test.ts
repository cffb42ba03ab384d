/** The bundled Cele document: exact totals, and rows checked field by field. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { type CooperativeItem, type ReclaimedItem, summarize } from "../../src/domain/edition.ts";
import { readDocument } from "../../src/ingest/index.ts";

const bytes = readFileSync(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));
const { draft, problems, raw } = await readDocument(bytes, "cele.txt");
const item = <T>(list: string, number: number) =>
  draft.items.find((i) => i.list === list && i.number === number) as T;

describe("Cele township document", () => {
  it("reads place and date from the title", () => {
    assert.equal(draft.township, "策勒乡");
    assert.equal(draft.county, "策勒县");
    assert.equal(draft.region, "新疆维吾尔自治区和田地区");
    assert.equal(draft.date, "2025-07");
  });

  it("yields exactly the totals of the issue", () => {
    assert.deepEqual(summarize(draft.items), {
      basic: { items: 116, categories: 19, departments: 0 },
      cooperative: { items: 98, categories: 18, departments: 38 },
      reclaimed: { items: 40, categories: 11, departments: 15 },
    });
  });

  it("reads the totals the preface states, including the paragraph cut by a page break", () => {
    assert.equal(draft.stated.basic.items, 116);
    assert.equal(draft.stated.basic.categories, 19);
    assert.equal(draft.stated.basic.categoryNames.length, 19);
    assert.equal(draft.stated.cooperative.departments, 38);
    assert.equal(draft.stated.reclaimed.departments, 15);
    assert.ok(!problems.some((p) => p.code === "total-mismatch" || p.code.startsWith("category-")));
  });

  it("numbers every list 1..n without gaps", () => {
    for (const [list, n] of [
      ["basic", 116],
      ["cooperative", 98],
      ["reclaimed", 40],
    ] as const) {
      assert.deepEqual(
        draft.items.filter((i) => i.list === list).map((i) => i.number),
        Array.from({ length: n }, (_, k) => k + 1),
      );
    }
  });

  it("flags 个性 items as local", () => {
    const local = draft.items.filter((i) => i.local).map((i) => `${i.list}:${i.number}`);
    assert.deepEqual(local, [
      "basic:47",
      "basic:48",
      "basic:49",
      "basic:50",
      "basic:51",
      "basic:67",
      "basic:99",
    ]);
    assert.equal(item<{ remark: string }>("basic", 99).remark, "个性");
  });

  it("parses basic 1 as plain text", () => {
    const basic1 = item<{ name: string; category: string }>("basic", 1);
    assert.equal(basic1.category, "党的建设");
    assert.ok(basic1.name.startsWith("深入学习贯彻习近平新时代中国特色社会主义思想"));
    assert.ok(basic1.name.endsWith("开展党内集中教育"));
  });

  it("splits cooperative 8 into per-department blocks with headings, and the township's four blocks", () => {
    const c8 = item<CooperativeItem>("cooperative", 8);
    assert.deepEqual(c8.leadDepartments, ["县委组织部", "县人力资源和社会保障局"]);
    assert.deepEqual(
      c8.departmentDuties.map((b) => [b.department, b.heading?.slice(0, 2) ?? null, b.steps.length]),
      [
        ["县委组织部", "一、", 6],
        ["县委组织部", "二、", 5],
        ["县委组织部", "三、", 6],
        ["县委组织部", "四、", 3],
        ["县人力资源和社会保障局", null, 1],
      ],
    );
    assert.deepEqual(
      c8.townshipDuties.map((b) => [b.heading, b.steps.length]),
      [
        ["一、乡领导班子和领导干部年度考核、绩效考核", 6],
        ["二、科级干部选拔任用", 7],
        ["三、干部职级晋升", 3],
        ["四、干部监督", 5],
      ],
    );
    assert.equal(
      c8.departmentDuties[0]!.steps[0],
      "制定县绩效考核暨县委管理领导班子和领导干部年度考核工作方案，确定考核内容、权重、方式、程序和时间安排等内容",
    );
    assert.ok(!c8.townshipDuties.flatMap((b) => b.steps).some((s) => /<|>/.test(s)), "no HTML left in steps");
  });

  it("reports the repeated step numbers of cooperative 8", () => {
    const repeated = problems.filter((p) => p.code === "step-number-repeated" && p.number === 8);
    assert.equal(repeated.length, 2);
    assert.match(repeated[0]!.message, /3/);
    assert.equal(repeated[0]!.line, 172);
  });

  it("reads cooperative 1 with a single lead owning the unprefixed steps", () => {
    const c1 = item<CooperativeItem>("cooperative", 1);
    assert.equal(c1.name, "推荐县级以上党代表工作");
    assert.deepEqual(c1.departmentDuties, [
      {
        department: "县委组织部",
        heading: null,
        steps: [
          "对县级以上党代表进行推荐提名、公示并配合考察",
          "对县级以上党代表推荐人选进行全面考察，并形成考察报告提交上级组织部门审批。",
        ],
      },
    ]);
    assert.deepEqual(c1.townshipDuties[0]!.steps, [
      "对县级以上党代表人选进行提名",
      "做好代表推荐人选的考察、公示。",
    ]);
  });

  it("gives a prefix naming two departments to both (cooperative 4)", () => {
    const c4 = item<CooperativeItem>("cooperative", 4);
    assert.deepEqual(
      c4.departmentDuties.map((b) => [b.department, b.steps.length]),
      [
        ["县委组织部", 4],
        ["县人力资源和社会保障局", 4],
      ],
    );
    assert.match(c4.departmentDuties[0]!.steps[0]!, /^根据地区从优秀村干部中招录公务员/);
  });

  it("splits an <ol> without numbers into steps (cooperative 34)", () => {
    const c34 = item<CooperativeItem>("cooperative", 34);
    assert.equal(c34.departmentDuties[0]!.steps.length, 8);
    assert.equal(c34.departmentDuties[0]!.steps[0], "负责本行政区域农作物病虫害防治的监督管理工作");
  });

  it("separates a generic group from the named department (cooperative 78)", () => {
    const c78 = item<CooperativeItem>("cooperative", 78);
    assert.deepEqual(c78.leadDepartments, [
      "县应急管理局",
      "县文化体育广播电视和旅游局",
      "县住房和城乡建设局",
    ]);
    assert.deepEqual(c78.otherLeads, ["其他负有安全监管职责的部门"]);
    assert.equal(c78.departmentDuties[1]!.group, "其他负有安全监管职责的部门");
    assert.match(
      c78.departmentDuties[1]!.steps[0]!,
      /<地方党政领导干部安全生产责任制规定>/,
      "title marks are text, not HTML",
    );
  });

  it("reads reclaimed 13 as taken over by nobody", () => {
    const r13 = item<ReclaimedItem>("reclaimed", 13);
    assert.equal(r13.name, "“富民贷”推广工作");
    assert.deepEqual(r13.takeover, {
      departments: [],
      none: true,
      workMethod: ["不再开展此项工作。"],
      workStandard: [],
    });
  });

  it("reads reclaimed 21 with two departments", () => {
    const r21 = item<ReclaimedItem>("reclaimed", 21);
    assert.deepEqual(r21.takeover.departments, ["县水利局", "县自然资源局"]);
    assert.equal(r21.takeover.none, false);
    assert.match(r21.takeover.workMethod[0]!, /^对河道非法采砂行为的监管执法由水利局承接/);
  });

  it("reads 工作方式 steps and 工作标准 (reclaimed 15)", () => {
    const r15 = item<ReclaimedItem>("reclaimed", 15);
    assert.equal(r15.takeover.workMethod.length, 3);
    assert.deepEqual(r15.takeover.workStandard, ["灵活就业人员社保补贴发放对象精准、补贴发放及时。"]);
  });

  it("recognises the appendix after the last table and does not import it", () => {
    assert.ok(raw.appendixLines >= 23);
    assert.ok(!problems.some((p) => p.code === "stray-line"));
  });

  it("lints the document's real quirks: stray Latin words and a second spelling", () => {
    const latin = problems.filter((p) => p.code === "latin-word").map((p) => `${p.list}:${p.number}`);
    assert.ok(latin.includes("cooperative:11"));
    assert.ok(latin.includes("reclaimed:33"));
    assert.ok(problems.some((p) => p.code === "department-spellings" && p.message.includes("县林业草原局")));
  });
});

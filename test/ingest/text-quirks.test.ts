/** Small crafted documents, one per quirk the text format must handle, and the inputs it must refuse. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CooperativeItem, ReclaimedItem } from "../../src/domain/edition.ts";
import { DocumentError } from "../../src/domain/problem.ts";
import { MAX_DOCUMENT_BYTES } from "../../src/ingest/decode.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { splitSteps } from "../../src/ingest/steps.ts";

const HEAD = [
  "某某自治区某某地区示例县 示例镇履职事项清单",
  "",
  "2024年12月",
  "",
  "说 明",
  "基本履职事项清单是本乡镇必须为、负全责的事项。主要包括党的建设、",
  "",
  "综合政务 2 个类别，共有基本履职事项 2 项。",
  "配合履职事项清单是以上级部门为主负责、乡镇为辅配合的履职事项。主要包括党的建设 1 个类别，共有配合履职事项 1 项，涉及 2 个部门（单位）。",
  "上级部门收回事项清单是……包括市场监管 1 个类别，共有上级部门收回事项 2 项，涉及 1 个部门（单位）。",
];
const BASIC = [
  "示例县示例镇基本履职事项清单",
  "序号\t事项类别\t事项名称\t备注",
  "1\t党的建设\t加强基层党组织建设\t",
  "2\t综合政务\t做好政务公开\t个性",
];
const COOP_HEADER = "序号\t事项类别\t事项名称\t对应上级部门\t上级部门职责\t乡镇（街道）配合职责\t备注";
const RECLAIMED = [
  "示例县示例镇上级部门收回事项清单",
  "序号\t事项类别\t事项名称\t承接部门及工作方式\t备注",
  "1\t市场监管\t对无照经营的处罚\t县市场监督管理局： 工作方式：1.立案调查； 2.依法处理。 工作标准： 处理及时。\t",
  "2\t市场监管\t某项推广工作\t承接部门：无 工作方式：不再开展此项工作。\t",
];

function doc(coopRows: string[], extra: { basic?: string[]; reclaimed?: string[] } = {}): string {
  return [
    ...HEAD,
    ...(extra.basic ?? BASIC),
    "示例县示例镇配合履职事项清单",
    COOP_HEADER,
    ...coopRows,
    ...(extra.reclaimed ?? RECLAIMED),
  ].join("\n");
}
const COOP =
  "1\t党的建设\t干部档案工作\t县委组织部、县 人力资源 和社会保障局\t县委组织部： 1.审核档案； 2.下发补档清单。 县人力资源和社会保障局： 1.审核事业编档案。\t1.补齐材料； 2.按时报送。\t";
const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (text: string | Uint8Array, file = "sample.txt") =>
  readDocument(typeof text === "string" ? utf8(text) : text, file);
const coop = async (text: string) =>
  (await read(text)).draft.items.find((i) => i.list === "cooperative") as CooperativeItem;

async function refuses(input: string | Uint8Array, pattern: RegExp, line?: number): Promise<void> {
  await assert.rejects(read(input, "bad.txt"), (error: unknown) => {
    assert.ok(error instanceof DocumentError, String(error));
    assert.match(error.message, /^bad\.txt/);
    assert.match(error.message, pattern);
    if (line !== undefined) assert.equal(error.line, line);
    return true;
  });
}

describe("text format quirks", () => {
  it("reads a small document and its stated totals", async () => {
    const { draft, problems } = await read(doc([COOP]));
    assert.equal(draft.township, "示例镇");
    assert.equal(draft.county, "示例县");
    assert.equal(draft.date, "2024-12");
    assert.equal(draft.items.length, 5);
    assert.deepEqual(
      problems.filter((p) => p.code.startsWith("total")),
      [],
    );
  });

  it("accepts a UTF-8 BOM, CRLF line endings and GB18030", async () => {
    const crlf = `\uFEFF${doc([COOP]).replace(/\n/g, "\r\n")}`;
    assert.equal((await read(crlf)).draft.items.length, 5);
    const gb = Buffer.from(
      // GB18030 bytes of the same document, made with the platform's encoder through iconv-free round trip
      new Uint8Array(await gb18030(doc([COOP]))),
    );
    const { draft } = await read(gb);
    assert.equal(draft.township, "示例镇");
    assert.equal((draft.items[2] as CooperativeItem).leadDepartments[1], "县人力资源和社会保障局");
  });

  it("reads full-width digits in 序号 and stray spaces inside department names", async () => {
    const item = await coop(doc([COOP.replace(/^1/, "１")]));
    assert.equal(item.number, 1);
    assert.deepEqual(item.leadDepartments, ["县委组织部", "县人力资源和社会保障局"]);
    assert.deepEqual(
      item.departmentDuties.map((b) => [b.department, b.steps]),
      [
        ["县委组织部", ["审核档案", "下发补档清单。"]],
        ["县人力资源和社会保障局", ["审核事业编档案。"]],
      ],
    );
  });

  it("turns <ol><li> items without numbers into steps and strips styles", async () => {
    const row = `1\t党的建设\t某工作\t县委组织部\t<ol style="color: red"><li>审核材料</li><li>下发&nbsp;清单</li></ol>\t<p style="x">1.报送材料；2.整改。</p>\t`;
    const item = await coop(doc([row]));
    assert.deepEqual(item.departmentDuties, [
      { department: "县委组织部", heading: null, steps: ["审核材料", "下发 清单"] },
    ]);
    assert.deepEqual(item.townshipDuties[0]!.steps, ["报送材料", "整改。"]);
  });

  it("separates an unnamed group from a compound lead", async () => {
    const row =
      "1\t党的建设\t安全生产监督检查\t县住房和城乡建设局以及其他负有安全监管职责的部门\t1.监督检查。\t1.排查上报。\t";
    const item = await coop(doc([row]));
    assert.deepEqual(item.leadDepartments, ["县住房和城乡建设局"]);
    assert.deepEqual(item.otherLeads, ["其他负有安全监管职责的部门"]);
  });

  it("reads takeover departments, none, 工作方式 and 工作标准", async () => {
    const { draft } = await read(doc([COOP]));
    const [r1, r2] = draft.items.filter((i) => i.list === "reclaimed") as ReclaimedItem[];
    assert.deepEqual(r1!.takeover, {
      departments: ["县市场监督管理局"],
      none: false,
      workMethod: ["立案调查", "依法处理。"],
      workStandard: ["处理及时。"],
    });
    assert.equal(r2!.takeover.none, true);
    assert.deepEqual(r2!.takeover.departments, []);
  });

  it("skips header rows repeated after page breaks and blank lines", async () => {
    const second = COOP.replace(/^1/, "2").replace("干部档案工作", "第二项");
    const { draft, problems } = await read(doc([COOP, "", "\f", COOP_HEADER, second]));
    assert.equal(draft.items.filter((i) => i.list === "cooperative").length, 2);
    assert.ok(problems.some((p) => p.code === "total-mismatch" && p.message.includes("配合")));
  });

  it("warns about gaps and duplicates in 序号 and repeated step numbers", async () => {
    const dup = COOP.replace("1.补齐材料； 2.按时报送。", "1.补齐材料； 2.按时报送； 2.归档。");
    const { problems } = await read(doc([dup, COOP.replace(/^1/, "3")]));
    const codes = problems.map((p) => p.code);
    assert.ok(codes.includes("number-gap"));
    assert.ok(codes.includes("step-number-repeated"));
    const { problems: p2 } = await read(doc([COOP, COOP]));
    assert.ok(p2.some((p) => p.code === "number-duplicate"));
  });

  it("warns about empty required cells and a department in two spellings", async () => {
    const row = "1\t党的建设\t\t县人社局\t县人力资源和社会保障局： 1.审核。\t\t";
    const { problems } = await read(doc([row]));
    assert.ok(problems.some((p) => p.code === "empty-cell" && p.message.includes("事项名称")));
    assert.ok(problems.some((p) => p.code === "empty-cell" && p.message.includes("配合职责")));
    assert.ok(problems.some((p) => p.code === "department-spellings"));
  });

  it("does not split decimals or numbers inside sentences into steps", () => {
    assert.deepEqual(splitSteps("1.收入 1.5 万元以上的； 2.面积9327.16平方公里。").steps, [
      "收入 1.5 万元以上的",
      "面积9327.16平方公里。",
    ]);
  });
});

describe("bad input", () => {
  it("refuses an empty file", () => refuses("", /为空/));
  it("refuses a binary file", () =>
    refuses(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 9]), /二进制/));
  it("refuses a document without a table", () =>
    refuses("这是一份普通的通知。\n请各乡镇做好工作。\n", /找不到清单表格/));
  it("refuses a row with the wrong number of cells, naming its line", () =>
    refuses(doc(["1\t党的建设\t只有三列"]), /应为 7 列/, HEAD.length + BASIC.length + 3));
  it("refuses a file over the size limit", () =>
    refuses(new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x41), /过大/));
  it("refuses a password-protected or legacy Office file", () =>
    refuses(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /加密|旧版/));
  it("refuses a document whose township cannot be found", () =>
    refuses(["序号\t事项类别\t事项名称\t备注", "1\t党的建设\t加强建设\t"].join("\n"), /找不到乡镇名称/));
});

/** Encodes text as GB18030 with the system's iconv (Node has no GB18030 encoder; decoding is what we test). */
async function gb18030(text: string): Promise<Buffer> {
  const { execFileSync } = await import("node:child_process");
  return execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: text });
}

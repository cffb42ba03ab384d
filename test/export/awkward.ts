/**
 * Generated editions with awkward content for the round-trip tests: long cells, many steps per cell,
 * quotes, commas, angle-bracket titles, text that looks like a spreadsheet formula, 个性 items, cooperative
 * items with several lead departments (and an unnamed group), reclaimed items taken over by nobody.
 * Seeded, so a failure names a reproducible edition.
 */
import { DEPARTMENT_ALIASES } from "../../src/domain/departments.ts";
import {
  type BasicItem,
  type CooperativeItem,
  type DutyBlock,
  type EditionDraft,
  type Item,
  type ListKind,
  type ReclaimedItem,
  summarize,
} from "../../src/domain/edition.ts";

/** mulberry32: a small deterministic PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS = Object.keys(DEPARTMENT_ALIASES);

const CATEGORIES = ["党的建设", "经济发展", "民生服务", "平安法治", "乡村振兴", "应急管理及消防", "综合政务"];

/** Fragments of steps: punctuation, quotes, commas, numbers that are not step numbers, formula-like text. */
const FRAGMENTS = [
  "组织开展“四个合格”党员队伍建设",
  '按照"三重一大"事项集体决策机制研究',
  "依照《自治区实施<地方党政领导干部安全生产责任制规定>细则》确定的职责范围",
  "收到申请后30日内进行审查，处5百元以上1千元以下的罚款",
  "覆盖率达到95%，比上年提高1.5个百分点",
  "做好统计, 汇总, and reporting (English, with commas)",
  "=SUM(A1:A3) 不应被当作公式",
  "+86 电话 0903-1234567 公开",
  "-1 表示暂缓，@全体人员 知悉",
  "单引号'和双引号\"混用",
  "A&B 两类单位；C&D 已核实",
  "反斜杠 C:\\\\data\\\\清单 与制表符之外的空白",
];

function pick<T>(rand: () => number, from: readonly T[]): T {
  return from[Math.floor(rand() * from.length)]!;
}

function sentence(rand: () => number, long = false): string {
  const parts = Array.from({ length: long ? 40 : 1 + Math.floor(rand() * 3) }, () => pick(rand, FRAGMENTS));
  return `${parts.join("，")}。`;
}

function steps(rand: () => number, max: number): string[] {
  return Array.from({ length: 1 + Math.floor(rand() * max) }, () => sentence(rand));
}

function distinct(rand: () => number, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(pick(rand, DEPARTMENTS));
  return [...out];
}

function remark(rand: () => number): { local: boolean; remark: string | null } {
  const r = rand();
  if (r < 0.25) return { local: true, remark: "个性" };
  if (r < 0.35) return { local: false, remark: "新增, 待审定" };
  return { local: false, remark: null };
}

function basic(rand: () => number, number: number): BasicItem {
  const name =
    number === 1
      ? `=HYPERLINK("http://example.invalid","点我") ${sentence(rand)}`
      : sentence(rand, number === 2);
  return { list: "basic", number, category: pick(rand, CATEGORIES), name, ...remark(rand) };
}

function cooperative(rand: () => number, number: number): CooperativeItem {
  const leads = distinct(rand, 1 + Math.floor(rand() * 4));
  const withGroup = rand() < 0.2;
  const departmentDuties: DutyBlock[] = [];
  if (leads.length > 1 && rand() < 0.3)
    departmentDuties.push({ department: null, heading: null, steps: steps(rand, 2) });
  for (const department of leads) {
    if (rand() < 0.3) {
      departmentDuties.push({ department, heading: "一、年度考核和绩效考核", steps: steps(rand, 3) });
      departmentDuties.push({ department, heading: "二、干部监督（含“回头看”）", steps: steps(rand, 3) });
    } else departmentDuties.push({ department, heading: null, steps: steps(rand, 6) });
  }
  if (withGroup) {
    departmentDuties.push({
      department: null,
      group: "其他负有安全监管职责的部门",
      heading: null,
      steps: steps(rand, 2),
    });
  }
  const townshipDuties: DutyBlock[] =
    rand() < 0.3
      ? [
          { department: null, heading: "一、日常工作", steps: steps(rand, 3) },
          { department: null, heading: "二、专项工作", steps: steps(rand, 3) },
        ]
      : [{ department: null, heading: null, steps: number === 1 ? [sentence(rand, true)] : steps(rand, 8) }];
  return {
    list: "cooperative",
    number,
    category: pick(rand, CATEGORIES),
    name: sentence(rand),
    ...remark(rand),
    leadDepartments: leads,
    otherLeads: withGroup ? ["其他负有安全监管职责的部门"] : [],
    departmentDuties,
    townshipDuties,
  };
}

function reclaimed(rand: () => number, number: number): ReclaimedItem {
  const none = number === 1 || rand() < 0.2;
  return {
    list: "reclaimed",
    number,
    category: pick(rand, CATEGORIES),
    name: sentence(rand),
    ...remark(rand),
    takeover: {
      departments: none ? [] : distinct(rand, 1 + Math.floor(rand() * 3)),
      none,
      workMethod: none ? ["不再开展此项工作。"] : steps(rand, 4),
      workStandard: rand() < 0.3 ? steps(rand, 2) : [],
    },
  };
}

const NOUN: Record<ListKind, string> = {
  basic: "基本履职事项",
  cooperative: "配合履职事项",
  reclaimed: "上级部门收回事项",
};

/** A generated edition whose preface states the totals of its items (as an official document does). */
export function awkwardEdition(
  seed: number,
  sizes = { basic: 12, cooperative: 10, reclaimed: 8 },
): EditionDraft {
  const rand = random(seed);
  const items: Item[] = [
    ...Array.from({ length: sizes.basic }, (_, i) => basic(rand, i + 1)),
    ...Array.from({ length: sizes.cooperative }, (_, i) => cooperative(rand, i + 1)),
    ...Array.from({ length: sizes.reclaimed }, (_, i) => reclaimed(rand, i + 1)),
  ];
  const totals = summarize(items);
  const stated = {} as EditionDraft["stated"];
  const listParagraphs: string[] = [];
  for (const list of ["basic", "cooperative", "reclaimed"] as const) {
    const categoryNames = [...new Set(items.filter((i) => i.list === list).map((i) => i.category))];
    const t = totals[list];
    const departments = list === "basic" ? "" : `，涉及 ${t.departments} 个部门（单位）`;
    listParagraphs.push(
      `${NOUN[list]}清单是按“三上三下”程序确定的事项。主要包括${categoryNames.join("、")} ${t.categories} 个类别，共有${NOUN[list]} ${t.items} 项${departments}。`,
    );
    stated[list] = {
      items: t.items,
      categories: t.categories,
      departments: list === "basic" ? null : t.departments,
      categoryNames,
    };
  }
  return {
    township: "木尕拉镇",
    county: "于田县",
    region: "新疆维吾尔自治区和田地区",
    date: seed % 2 === 0 ? "2025-09" : "2025-09-15",
    title: "新疆维吾尔自治区和田地区于田县 木尕拉镇履职事项清单",
    preface: [
      "一、基本情况",
      `木尕拉镇位于县城东部，下辖 12 个行政村, 面积 "1234.5" 平方公里（测试数据 ${seed}）。`,
      "二、清单内容",
      ...listParagraphs,
    ],
    stated,
    items,
  };
}

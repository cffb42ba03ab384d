/**
 * Test files made from the real Cele lists (never contradicting them): a county's task sheet of 40 rows,
 * and a 考核 indicator table — the one a county hands its townships — as .xlsx and as a Word table.
 * The indicators name real items: basic duties, cooperative items worded within the township's own
 * steps and (three of them) worded as the lead department's steps, reclaimed items, and unlisted tasks.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from "docx";
import ExcelJS from "exceljs";
import type { EditionDraft } from "../../src/domain/edition.ts";

export interface SampleIndicator {
  group: string;
  name: string;
  content: string;
  points: number;
  department: string;
  /** What the report must say about it. */
  expect: "ok" | "reclaimed" | "unlisted" | "lead";
}

/** The sample 考核 table for 策勒乡 (2025): 16 indicators, 95 points. */
export const SAMPLE_INDICATORS: SampleIndicator[] = [
  {
    group: "党的建设",
    name: "“三会一课”制度落实",
    content: "按要求落实“三会一课”、主题党日等组织生活，记录完整得满分",
    points: 6,
    department: "县委组织部",
    expect: "ok",
  },
  {
    group: "党的建设",
    name: "党员发展和教育管理",
    content: "按计划做好党员发展工作，党员教育培训覆盖率达100%",
    points: 6,
    department: "县委组织部",
    expect: "ok",
  },
  {
    group: "卫生健康",
    name: "疫苗接种宣传和台账",
    content: "开展疫苗接种健康教育宣传，建立辖区18岁以下常住、流动人口台账",
    points: 5,
    department: "县卫生健康委员会",
    expect: "ok",
  },
  {
    group: "卫生健康",
    name: "疫苗接种工作",
    content: "组织开展疫苗接种，提供各类疫苗和注射器等医用耗材，对接种人员开展业务培训考核",
    points: 8,
    department: "县卫生健康委员会",
    expect: "lead",
  },
  {
    group: "乡村振兴",
    name: "屠宰检疫",
    content: "辖区屠宰检疫覆盖率100%，每发现一例未检疫扣1分",
    points: 6,
    department: "县农业农村局",
    expect: "reclaimed",
  },
  {
    group: "乡村振兴",
    name: "动物及动物产品检疫",
    content: "按规定开展动物及动物产品检疫出证",
    points: 5,
    department: "县农业农村局",
    expect: "reclaimed",
  },
  {
    group: "乡村振兴",
    name: "农业机械安全监督检查",
    content: "开展农机安全监督检查，全年检查不少于4次",
    points: 4,
    department: "县农业农村局",
    expect: "reclaimed",
  },
  {
    group: "乡村振兴",
    name: "乡村振兴战略实绩考核",
    content: "制定乡村振兴战略实绩考核办法，明确考核指标与评估标准",
    points: 8,
    department: "县农业农村局",
    expect: "lead",
  },
  {
    group: "乡村振兴",
    name: "乡村振兴考核配合",
    content: "协调准备考核评估所需现场，配合实地核查，按问题台账逐项整改到位",
    points: 6,
    department: "县农业农村局",
    expect: "ok",
  },
  {
    group: "民生服务",
    name: "婚姻登记",
    content: "规范开展婚姻登记工作",
    points: 4,
    department: "县民政局",
    expect: "reclaimed",
  },
  {
    group: "民生服务",
    name: "老年人高龄津贴",
    content: "做好高龄津贴的审核发放管理",
    points: 5,
    department: "县民政局",
    expect: "ok",
  },
  {
    group: "平安建设",
    name: "自建房安全隐患排查",
    content: "完成辖区自建房安全隐患排查整治",
    points: 8,
    department: "县住房和城乡建设局",
    expect: "ok",
  },
  {
    group: "平安建设",
    name: "烟花爆竹经营安全监管",
    content: "对辖区烟花爆竹经营点开展安全监管执法",
    points: 6,
    department: "县应急管理局",
    expect: "reclaimed",
  },
  {
    group: "平安建设",
    name: "森林草原防火",
    content: "落实护林员巡护，做好防火宣传",
    points: 6,
    department: "县应急管理局",
    expect: "ok",
  },
  {
    group: "经济发展",
    name: "招商引资",
    content: "完成年度招商引资到位资金任务",
    points: 8,
    department: "县发展和改革委员会",
    expect: "unlisted",
  },
  {
    group: "文化旅游",
    name: "协助推销县剧院演出门票",
    content: "完成演出门票推销任务",
    points: 4,
    department: "县文化体育广播电视和旅游局",
    expect: "unlisted",
  },
];

const HEADER = ["序号", "一级指标", "指标名称", "考核内容", "分值", "考核部门"];

/** The indicator table as a county office would send it: a title row, a styled header, merged group cells, a total. */
export async function indicatorTableXlsx(indicators = SAMPLE_INDICATORS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("乡镇考核指标");
  ws.mergeCells(1, 1, 1, HEADER.length);
  ws.getCell(1, 1).value = "策勒县2025年度乡镇（街道）绩效考核指标（策勒乡）";
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  const header = ws.getRow(2);
  HEADER.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    cell.border = {
      top: { style: "thin" },
      bottom: { style: "thin" },
      left: { style: "thin" },
      right: { style: "thin" },
    };
  });
  indicators.forEach((ind, i) => {
    ws.getRow(3 + i).values = [i + 1, ind.group, ind.name, ind.content, ind.points, ind.department];
  });
  // Merge each run of the same group, as such tables do.
  let start = 3;
  for (let i = 1; i <= indicators.length; i++) {
    if (i === indicators.length || indicators[i]!.group !== indicators[start - 3]!.group) {
      if (3 + i - 1 > start) ws.mergeCells(start, 2, 3 + i - 1, 2);
      start = 3 + i;
    }
  }
  const total = ws.getRow(3 + indicators.length);
  total.values = ["", "", "合计", "", indicators.reduce((s, i) => s + i.points, 0), ""];
  ws.getColumn(4).width = 50;
  wb.addWorksheet("填报说明").getCell("A1").value = "本表由县委编办汇总，各考核部门按职责评分。";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same table as a Word document (a title paragraph, then the table). */
export async function indicatorTableDocx(indicators = SAMPLE_INDICATORS): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const rows = [
    new TableRow({ children: HEADER.map(cell), tableHeader: true }),
    ...indicators.map(
      (ind, i) =>
        new TableRow({
          children: [String(i + 1), ind.group, ind.name, ind.content, String(ind.points), ind.department].map(
            cell,
          ),
        }),
    ),
  ];
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph("策勒县2025年度乡镇绩效考核指标"),
          new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A county department's task sheet: 40 tasks worded from the real items of every list, and unlisted ones. */
export function sampleTasks(draft: EditionDraft, count = 40): string[] {
  const unlisted = ["协助县剧院推销新剧门票", "完成年度招商引资到位资金任务", "为县城创建文明城市上街值勤"];
  const listed = draft.items.filter((_, i) => i % 6 === 0).map((item) => `请乡政府做好${item.name}`);
  const tasks: string[] = [];
  let u = 0;
  for (let i = 0; tasks.length < count; i++) {
    tasks.push(i % 9 === 4 ? unlisted[u++ % unlisted.length]! : listed[i % listed.length]!);
  }
  return tasks;
}

/** The task sheet: a merged title row, a header (序号/交办部门/工作任务/完成时限/备注) styled, then one task a row. */
export async function taskSheetXlsx(tasks: readonly string[], taskHeader = "工作任务"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("交办任务");
  ws.mergeCells("A1:E1");
  ws.getCell("A1").value = "2025年第三季度县直部门交办乡镇任务清单";
  ws.getCell("A1").font = { bold: true, size: 14 };
  const header = ws.getRow(2);
  ["序号", "交办部门", taskHeader, "完成时限", "备注"].forEach((h, i) => {
    header.getCell(i + 1).value = h;
    header.getCell(i + 1).font = { bold: true };
    header.getCell(i + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFCE4D6" } };
  });
  tasks.forEach((task, i) => {
    ws.getRow(3 + i).values = [i + 1, "县委办公室", task, "2025-09-30", ""];
  });
  ws.getColumn(3).width = 60;
  wb.addWorksheet("说明").getCell("A1").value = "请各乡镇按时限完成。";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A saved check as rows of text: one function feeds the .docx 核验单 and the CSV download, so both say the
 * same thing. Cooperative items list every township step, the touched ones marked 【涉及】.
 */
import { LIST_LABELS } from "../domain/edition.ts";
import { EVIDENCE_FIELD_LABELS, VERDICT_LABELS } from "../domain/verdict.ts";
import type { CheckSheet } from "../export/check-docx.ts";
import { CONFIDENCE_LEVEL_LABELS } from "../match/index.ts";
import type { CheckCard, CheckRecord } from "./check-cards.ts";

export interface CheckSheetHeader {
  record: CheckRecord;
  /** ISO-8601 time of the check. */
  checkedAt: string;
  /** 核验人: the signed-in user's name; null for an anonymous check. */
  checker: string | null;
  /** The saved check's id, when it was saved. */
  savedId: string | null;
}

/** 2026-11-30 from an ISO time, in China's time zone (where the lists are used). */
export function checkDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

/** The header lines shared by the print view and the .docx. */
export function headerLines(h: CheckSheetHeader): [string, string][] {
  const r = h.record;
  return [
    ["乡镇（街道）", `${r.county}${r.township}`],
    ["依据清单", `${r.edition.title || `${r.township}履职事项清单`}（${r.edition.date} 版）`],
    ["核验日期", checkDate(h.checkedAt)],
    ["核验人", h.checker ?? "（未登录）"],
    ...(h.savedId ? ([["核验单号", h.savedId]] as [string, string][]) : []),
    ...(r.file ? ([["来源文件", r.file]] as [string, string][]) : []),
  ];
}

export const SHEET_COLUMNS = [
  "序号",
  "任务",
  "结论",
  "可信度",
  "对应事项",
  "部门",
  "乡镇职责",
  "可直接引用的表述",
  "依据",
];

function itemOf(card: CheckCard): string {
  return card.item ? `${LIST_LABELS[card.item.list]}第${card.item.number}项：${card.item.name}` : "—";
}

function departmentOf(card: CheckCard): string {
  if (card.verdict === "cooperative") return `牵头：${(card.leadDepartments ?? []).join("、") || "上级部门"}`;
  if (card.verdict === "reclaimed") return `承接：${card.takeover?.departments.join("、") || "无"}`;
  return "";
}

function dutiesOf(card: CheckCard): string {
  if (card.verdict === "basic") return "本乡镇自行办理";
  if (card.verdict === "unlisted") return "需履行职责准入程序";
  if (card.verdict === "reclaimed") {
    const method = card.takeover?.workMethod ?? [];
    return method.length ? `不应交由乡镇办理。工作方式：${method.join("；")}` : "不应交由乡镇办理";
  }
  const lines: string[] = [];
  for (const block of card.steps ?? []) {
    if (block.heading) lines.push(block.heading);
    for (const s of block.steps) lines.push(`${s.number}. ${s.touched ? "【涉及】" : ""}${s.text}`);
  }
  return lines.join("\n");
}

/** One row per task, in SHEET_COLUMNS order. */
export function sheetRows(cards: readonly CheckCard[]): string[][] {
  return cards.map((card, i) => [
    String(i + 1),
    card.text,
    `${VERDICT_LABELS[card.verdict]}${card.needs_review ? "（待人工确认）" : ""}`,
    CONFIDENCE_LEVEL_LABELS[card.level],
    itemOf(card),
    departmentOf(card),
    dutiesOf(card),
    card.citation ?? card.reply ?? "",
    card.evidence.map((e) => `${e.task}（${EVIDENCE_FIELD_LABELS[e.field]}）`).join("，"),
  ]);
}

/** The .docx 核验单 of a saved check. */
export function checkSheet(h: CheckSheetHeader): CheckSheet {
  // The docx is narrow (A4 portrait): 可信度 and 依据 stay in the CSV; the sheet keeps what a reply needs.
  const keep = [0, 1, 2, 4, 5, 6, 7];
  return {
    title: "任务核验单",
    header: headerLines(h),
    columns: keep.map((i) => SHEET_COLUMNS[i]!),
    weights: [5, 22, 11, 17, 12, 19, 14],
    rows: sheetRows(h.record.cards).map((r) => keep.map((i) => r[i]!)),
    seal: [
      "核验人（签字）：＿＿＿＿＿＿　　审核人（签字）：＿＿＿＿＿＿",
      "单位（签章）：",
      "年　　月　　日",
    ],
    footnote: "由“履职”平台依据已公布的履职事项清单自动核验，结论供参考，以清单原文为准。",
  };
}

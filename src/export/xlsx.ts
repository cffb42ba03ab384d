/**
 * EditionDraft → .xlsx: a 说明 sheet (title, date, preface) and one sheet per list with the official
 * headers, wrapped text, a frozen styled header row, fitting column widths and 个性 rows marked.
 * Every cell is written as a plain string value, never as a formula, so "=…" text cannot run in Excel/WPS.
 */
import ExcelJS from "exceljs";
import { type EditionDraft, LIST_TITLES } from "../domain/edition.ts";
import { documentParagraphs, type ListSheet, listSheets } from "./cells.ts";

/** Sheet name of the preface; the reader recognises it by this name. */
export const PREFACE_SHEET = "说明";

/** Display width of text in Excel's character units: CJK and full-width characters count double. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

/** Widest column allowed per official column; wider text wraps. */
const MAX_WIDTH: Record<string, number> = {
  序号: 6,
  事项类别: 16,
  事项名称: 40,
  对应上级部门: 24,
  上级部门职责: 60,
  "乡镇（街道）配合职责": 60,
  承接部门及工作方式: 70,
  备注: 8,
};

function columnWidth(header: string, cells: readonly string[]): number {
  const widest = Math.max(displayWidth(header), ...cells.flatMap((c) => c.split("\n").map(displayWidth)));
  return Math.min(Math.max(widest + 2, 6), MAX_WIDTH[header] ?? 40);
}

const THIN = { style: "thin" as const, color: { argb: "FF999999" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFD9E2F3" } };
const LOCAL_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFFFF2CC" } };
const FONT = { name: "宋体", size: 10.5 };

function addListSheet(workbook: ExcelJS.Workbook, sheet: ListSheet): void {
  const ws = workbook.addWorksheet(LIST_TITLES[sheet.list], {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddHeader: `&C${sheet.title.replace(/&/g, "&&")}`, oddFooter: "&C第 &P 页，共 &N 页" },
  });
  ws.pageSetup.printTitlesRow = "1:1";
  ws.columns = sheet.header.map((header, i) => ({
    key: header,
    width: columnWidth(
      header,
      sheet.rows.map((r) => r[i] ?? ""),
    ),
  }));
  const head = ws.addRow([...sheet.header]);
  head.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  sheet.rows.forEach((cells, r) => {
    // Plain strings only: exceljs writes a formula solely for { formula } values.
    const row = ws.addRow(cells.map((c) => String(c)));
    const local = sheet.items[r]!.local;
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { vertical: "top", wrapText: true, horizontal: column === 1 ? "center" : "left" };
      if (local) cell.fill = LOCAL_FILL;
    });
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.header.length } };
}

function addPrefaceSheet(workbook: ExcelJS.Workbook, draft: EditionDraft): void {
  const ws = workbook.addWorksheet(PREFACE_SHEET, {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ key: "text", width: 100 }];
  documentParagraphs(draft).forEach((text, i) => {
    const row = ws.addRow([text]);
    const cell = row.getCell(1);
    cell.font = i === 0 ? { ...FONT, size: 16, bold: true } : FONT;
    cell.alignment = { wrapText: true, vertical: "top", horizontal: i < 3 ? "center" : "left" };
  });
}

/** Writes the edition as an .xlsx workbook. */
export async function writeXlsx(draft: EditionDraft): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "lvzhi";
  workbook.title = draft.title;
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  addPrefaceSheet(workbook, draft);
  for (const sheet of listSheets(draft)) addListSheet(workbook, sheet);
  workbook.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: "visible" },
  ];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Any table a user uploads (an .xlsx sheet, a .csv file, a Word table) as plain grids of text, one per
 * sheet or table, rows numbered as the user sees them (spreadsheet row numbers; table row numbers), merged
 * cells filled down. And a header finder: the row, among the first few, whose cells name the columns asked for.
 * Used by the task sheet check and the 考核 indicator tables; the duty-list importers have their own readers.
 */

import type ExcelJS from "exceljs";
import { DocumentError } from "../domain/problem.ts";
import { csvRows } from "./csv.ts";
import { decodeText } from "./decode.ts";
import { docxBody } from "./docx-body.ts";
import { blocks, tableRows, tagOf } from "./docx-xml.ts";
import { checkCell } from "./limits.ts";
import type { GridRow } from "./office-table.ts";
import { cellText, loadCheckedWorkbook } from "./xlsx.ts";
import { DEFAULT_ZIP_LIMITS, LimitedZip } from "./zip-limits.ts";

export type GridFormat = "xlsx" | "csv" | "docx";

export interface Grid {
  /** The sheet's name, or "表格 N" for the N-th Word table, or the CSV file's name. */
  name: string;
  rows: GridRow[];
}

/** Rows a task or indicator table may have: a county's table has tens, at most a few hundred. */
export const MAX_GRID_ROWS = 2_000;
/** Columns read: such tables have a handful. */
export const MAX_GRID_COLUMNS = 60;

function checkRows(rows: GridRow[], file: string, where: string): GridRow[] {
  if (rows.length > MAX_GRID_ROWS) {
    throw new DocumentError(
      file,
      undefined,
      `${where}有 ${rows.length} 行，超过上限 ${MAX_GRID_ROWS} 行：请拆分后分批上传`,
    );
  }
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      checkCell(cell, file, row.line, `${where}第 ${row.line} 行第 ${i + 1} 列`);
    });
  }
  return rows;
}

function sheetRows(ws: ExcelJS.Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  const width = Math.min(ws.columnCount, MAX_GRID_COLUMNS);
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)).trim());
    if (cells.some(Boolean)) rows.push({ cells, line });
  });
  return rows;
}

/** The grids of a workbook, one per sheet (empty sheets left out); DocumentError when it cannot be read. */
export async function workbookGrids(bytes: Uint8Array, file: string): Promise<Grid[]> {
  const zip = await LimitedZip.open(bytes, file, ".xlsx", DEFAULT_ZIP_LIMITS);
  if (!zip.has("xl/workbook.xml")) {
    throw new DocumentError(file, undefined, "不是 Excel 工作簿（.xlsx）：压缩包内没有 xl/workbook.xml");
  }
  const workbook = await loadCheckedWorkbook(zip, bytes, file);
  return workbook.worksheets
    .map((ws) => ({ name: ws.name, rows: checkRows(sheetRows(ws), file, `工作表“${ws.name}”`) }))
    .filter((g) => g.rows.length > 0);
}

/** The grid of a CSV file (UTF-8 or GB18030, as Excel saves it). */
export function csvGrid(bytes: Uint8Array, file: string): Grid {
  const rows = csvRows(decodeText(bytes, file), file)
    .map((r) => ({ ...r, cells: r.cells.slice(0, MAX_GRID_COLUMNS).map((c) => c.trim()) }))
    .filter((r) => r.cells.some(Boolean));
  return { name: file, rows: checkRows(rows, file, "") };
}

/** The grids of a Word document, one per table (vertically merged cells repeat the text they continue). */
export async function docxGrids(bytes: Uint8Array, file: string): Promise<Grid[]> {
  const zip = await LimitedZip.open(bytes, file, ".docx", DEFAULT_ZIP_LIMITS);
  const { body, numbering } = await docxBody(zip, file);
  const grids: Grid[] = [];
  for (const block of blocks(body)) {
    if (tagOf(block) !== "w:tbl") continue;
    const name = `表格 ${grids.length + 1}`;
    const rows = tableRows(block, numbering)
      .map((r, i) => ({
        cells: r.cells.slice(0, MAX_GRID_COLUMNS).map((c) => (c ?? "").replace(/\s*\n\s*/g, " ").trim()),
        line: i + 1,
      }))
      .filter((r) => r.cells.some(Boolean));
    grids.push({ name, rows: checkRows(rows, file, `${name}`) });
  }
  return grids.filter((g) => g.rows.length > 0);
}

/** The grids of a file of the given format. */
export async function readGrids(bytes: Uint8Array, file: string, format: GridFormat): Promise<Grid[]> {
  if (format === "csv") return [csvGrid(bytes, file)];
  if (format === "xlsx") return workbookGrids(bytes, file);
  return docxGrids(bytes, file);
}

/** Spreadsheet column letters of a 0-based column (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Header text made comparable: no blanks, no marks like * or ：, full-width parentheses. */
export function headerKey(text: string): string {
  return text
    .replace(/[\s\u3000*＊:：]/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}

/** Rows searched for a header (a title and a note may come first). */
export const HEADER_SEARCH_ROWS = 6;

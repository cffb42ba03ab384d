/**
 * The uploaded workbook given back with the check's columns added to the right of its table: the same
 * sheets, styles, widths and other columns (exceljs reads and writes them), the added header cells styled
 * like the table's own header, each added cell wrapped. A CSV or Word table, which has no workbook to keep,
 * becomes a one-sheet workbook of its rows with the columns added.
 */
import ExcelJS from "exceljs";
import { DocumentError } from "../domain/problem.ts";
import type { Grid } from "../ingest/grid.ts";
import { loadCheckedWorkbook } from "../ingest/xlsx.ts";
import { DEFAULT_ZIP_LIMITS, LimitedZip } from "../ingest/zip-limits.ts";

export interface AddedColumns {
  /** Worksheet holding the table (for an .xlsx source). */
  sheet: string;
  /** 1-based header row. */
  headerRow: number;
  headers: readonly string[];
  /** Column widths (characters), one per header. */
  widths: readonly number[];
  /** Per spreadsheet row: the added cells, and an optional ARGB fill for the first of them (the verdict). */
  rows: ReadonlyMap<number, { cells: readonly string[]; fill?: string }>;
}

const ADDED_HEADER_FILL = "FFFFF2CC";

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

function addColumns(ws: ExcelJS.Worksheet, added: AddedColumns): void {
  const first = ws.columnCount + 1;
  const headerRow = ws.getRow(added.headerRow);
  // The table's own header style (font, border, alignment) for the added headers, marked by a light fill.
  const model = headerRow.getCell(1);
  added.headers.forEach((header, i) => {
    const cell = headerRow.getCell(first + i);
    cell.style = { ...model.style, fill: solid(ADDED_HEADER_FILL) };
    cell.font = { ...(model.font ?? {}), bold: true };
    cell.value = header;
    ws.getColumn(first + i).width = added.widths[i] ?? 20;
  });
  for (const [line, { cells, fill }] of added.rows) {
    const row = ws.getRow(line);
    const border = row.getCell(1).border;
    cells.forEach((text, i) => {
      const cell = row.getCell(first + i);
      cell.value = text;
      cell.alignment = { wrapText: true, vertical: "top" };
      if (border) cell.border = border;
      if (i === 0 && fill) cell.fill = solid(fill);
    });
  }
}

/** A worksheet name Excel accepts (≤ 31 characters, none of []:*?/\). */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31) || "表格";
}

/** The .xlsx source with the columns added to `added.sheet`. */
export async function annotateWorkbook(
  bytes: Uint8Array,
  file: string,
  added: AddedColumns,
): Promise<Uint8Array> {
  const zip = await LimitedZip.open(bytes, file, ".xlsx", DEFAULT_ZIP_LIMITS);
  const workbook = await loadCheckedWorkbook(zip, bytes, file);
  const ws = workbook.getWorksheet(added.sheet);
  if (!ws) throw new DocumentError(file, undefined, `工作簿中没有工作表“${added.sheet}”`);
  addColumns(ws, added);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A new workbook holding `grid`'s rows (a CSV file or a Word table), with the columns added. */
export async function gridWorkbook(grid: Grid, added: AddedColumns): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheetName(grid.name));
  const width = Math.max(0, ...grid.rows.map((r) => r.cells.length));
  for (const row of grid.rows) {
    const target = ws.getRow(row.line);
    row.cells.forEach((text, i) => {
      target.getCell(i + 1).value = text;
      target.getCell(i + 1).alignment = { wrapText: true, vertical: "top" };
    });
  }
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = 24;
  ws.getRow(added.headerRow).font = { bold: true };
  addColumns(ws, added);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * .xlsx → RawDocument: one sheet per list (its name contains 基本/配合/收回, or its header row tells),
 * the official headers in any order on the first row (a title row above them is allowed), one row per
 * item, merged category cells filled down. A sheet named 说明 holds the title and preface paragraphs.
 */
import ExcelJS from "exceljs";
import { LIST_KINDS, type ListKind } from "../domain/edition.ts";
import { DocumentError, type Problem } from "../domain/problem.ts";
import { buildTable, type GridRow, isHeaderRow, listOfHeaderRow, listOfTitle } from "./office-table.ts";
import { documentTitle } from "./properties.ts";
import type { RawDocument, RawParagraph, RawTable } from "./raw.ts";
import { checkSheetXml, checkWorkbookXml } from "./xlsx-guard.ts";
import { DEFAULT_ZIP_LIMITS, LimitedZip, type ZipLimits } from "./zip-limits.ts";

/** How many rows at the top of a sheet may precede the header row (titles, notes). */
const HEADER_SEARCH_ROWS = 5;

/** A cell value as plain text; formulas give their cached result and are never evaluated. */
export function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    return result === undefined || result === null || typeof result === "object" ? "" : String(result);
  }
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("error" in value) return "";
  return "";
}

/** Cell text with Excel's line-break spellings normalised; horizontally merged copies are left empty. */
export function cellText(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master !== cell && cell.master.col !== cell.col) return "";
  return valueText(cell.isMerged ? cell.master.value : cell.value)
    .replace(/_x000D_/gi, "")
    .replace(/\r\n?/g, "\n");
}

function sheetRows(ws: ExcelJS.Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    const merged: boolean[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(cellText(cell));
      merged.push(cell.isMerged && cell.master !== cell && cell.master.row !== cell.row);
    }
    rows.push({ cells, line, merged });
  });
  return rows;
}

function isPrefaceSheet(name: string): boolean {
  return /说明|前言|封面/.test(name);
}

/**
 * Loads a workbook with exceljs once its parts are known to be within our caps: exceljs inflates every part
 * without limits, and allocates for every sheet id, column and cell the parts declare.
 */
export async function loadCheckedWorkbook(
  zip: LimitedZip,
  bytes: Uint8Array,
  file: string,
): Promise<ExcelJS.Workbook> {
  await zip.checkAll();
  checkWorkbookXml(await zip.text("xl/workbook.xml"), file);
  for (const part of zip.names().filter((n) => /^xl\/worksheets\/[^/]+\.xml$/i.test(n))) {
    checkSheetXml(await zip.text(part), file, part);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch (error) {
    throw new DocumentError(
      file,
      undefined,
      `Excel 工作簿无法读取（${error instanceof Error ? error.message : String(error)}）`,
    );
  }
  return workbook;
}

/** Reads an .xlsx; throws DocumentError when it is not a workbook or has no sheet that is a list. */
export async function readXlsx(
  bytes: Uint8Array,
  file: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<RawDocument> {
  const zip = await LimitedZip.open(bytes, file, ".xlsx", limits);
  if (!zip.has("xl/workbook.xml")) {
    const hint = zip.has("word/document.xml")
      ? "这是 Word 文档（.docx），不是 Excel 工作簿"
      : "压缩包内没有 xl/workbook.xml";
    throw new DocumentError(file, undefined, `不是 Excel 工作簿（.xlsx）：${hint}`);
  }
  const workbook = await loadCheckedWorkbook(zip, bytes, file);

  const paragraphs: RawParagraph[] = [];
  const tables = new Map<ListKind, RawTable>();
  const problems: Problem[] = [];
  const skipped: string[] = [];
  for (const ws of workbook.worksheets) {
    const rows = sheetRows(ws);
    if (isPrefaceSheet(ws.name)) {
      for (const row of rows) {
        const text = row.cells
          .map((c) => c.trim())
          .filter(Boolean)
          .join(" ");
        if (text) paragraphs.push({ text, line: row.line });
      }
      continue;
    }
    const header = rows.slice(0, HEADER_SEARCH_ROWS).find((r) => isHeaderRow(r.cells));
    const list = listOfTitle(ws.name) ?? (header ? listOfHeaderRow(header.cells) : undefined);
    if (!list || (!header && !listOfTitle(ws.name))) {
      skipped.push(ws.name);
      continue;
    }
    const titleRow = header
      ? rows.find((r) => r.line < header.line && r.cells.some((c) => c.trim()))
      : undefined;
    const title = titleRow?.cells.find((c) => c.trim())?.trim() ?? ws.name;
    const built = buildTable(
      rows.filter((r) => !header || r.line >= header.line),
      list,
      title,
      file,
      `工作表“${ws.name}”`,
    );
    const existing = tables.get(list);
    if (existing) existing.rows.push(...built.rows);
    else tables.set(list, { list, title: built.title, header: built.header, rows: built.rows });
  }

  const found = LIST_KINDS.flatMap((k) => tables.get(k) ?? []).filter((t) => t.rows.length > 0);
  if (found.length === 0) {
    const names = workbook.worksheets.map((w) => `“${w.name}”`).join("、") || "（无）";
    throw new DocumentError(
      file,
      undefined,
      `工作簿中没有清单工作表：工作表 ${names} 都不是清单；应有名称含“基本”“配合”“收回”的工作表，首行为“序号、事项类别、事项名称…”表头`,
    );
  }
  for (const name of skipped) {
    problems.push({
      severity: "warning",
      code: "sheet-skipped",
      message: `工作表“${name}”不是清单（名称与表头都不符），已跳过`,
    });
  }
  return {
    file,
    paragraphs,
    tables: found,
    appendixLines: 0,
    problems,
    propertiesTitle: await documentTitle(zip),
  };
}

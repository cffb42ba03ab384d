/**
 * Checks a worksheet's XML before exceljs sees it: exceljs allocates for every column a <col> spans and
 * every cell a range covers, so `<col min="1" max="4294967296">` or a merge over a whole sheet would
 * exhaust memory (the fuzzer found the first: 4 GB, then a crash). Excel itself stops at 16 384 columns and
 * 1 048 576 rows; a duty list uses a handful of columns and a few hundred rows. Likewise exceljs indexes its
 * sheets by the ids in workbook.xml: `sheetId="99999999"` made it walk a 10⁸-slot array (32 s).
 */
import { DocumentError } from "../domain/problem.ts";

const MAX_COLUMN = 16_384;
const MAX_ROW = 1_048_576;
/** Cells one range (merge, validation, formatting) may cover: a list's whole table is a few thousand. */
const MAX_RANGE_CELLS = 200_000;

const COL_ELEMENT = /<col\b[^>]*>/g;
const ATTRIBUTE = /\b(min|max)="([^"]*)"/g;
const CELL_REF = /\br="([A-Za-z]{0,4})(\d*)"/g;
const RANGE = /\b([A-Z]{1,4})(\d{1,9}):([A-Z]{1,4})(\d{1,9})\b/g;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Throws DocumentError when a worksheet declares columns, cells or ranges past what Excel allows. */
export function checkSheetXml(xml: string, file: string, part: string): void {
  const refuse = (what: string) =>
    new DocumentError(file, undefined, `${part} 中${what}，超出 Excel 的范围，文件已损坏或被篡改`);
  for (const [element] of xml.matchAll(COL_ELEMENT)) {
    for (const [, name, value] of element.matchAll(ATTRIBUTE)) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_COLUMN)
        throw refuse(`列定义 ${name}="${value?.slice(0, 20)}"`);
    }
  }
  for (const [, letters = "", digits = ""] of xml.matchAll(CELL_REF)) {
    if (columnNumber(letters) > MAX_COLUMN || Number(digits) > MAX_ROW) {
      throw refuse(`单元格位置 r="${letters}${digits.slice(0, 12)}"`);
    }
  }
  for (const [range, c1 = "", r1 = "", c2 = "", r2 = ""] of xml.matchAll(RANGE)) {
    const columns = Math.abs(columnNumber(c2) - columnNumber(c1)) + 1;
    const rows = Math.abs(Number(r2) - Number(r1)) + 1;
    if (columns * rows > MAX_RANGE_CELLS) throw refuse(`区域 ${range} 覆盖 ${columns * rows} 个单元格`);
  }
}

/** Sheet ids beyond any real workbook's (Excel numbers them from 1, one per sheet ever added). */
const MAX_SHEET_ID = 10_000;
const SHEET_ID = /\b(sheetId|localSheetId)="([^"]*)"/g;

/** Throws DocumentError when workbook.xml gives a sheet an id no real workbook has. */
export function checkWorkbookXml(xml: string, file: string): void {
  for (const [, name, value = ""] of xml.matchAll(SHEET_ID)) {
    const n = Number(value);
    const least = name === "localSheetId" ? 0 : 1;
    if (!/^\d+$/.test(value) || n < least || n > MAX_SHEET_ID) {
      throw new DocumentError(
        file,
        undefined,
        `xl/workbook.xml 中工作表编号 ${name}="${value.slice(0, 20)}" 异常，文件已损坏或被篡改`,
      );
    }
  }
}

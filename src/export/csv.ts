/**
 * EditionDraft → CSV: one file per list with the official headers, UTF-8 with BOM so Excel and WPS open it
 * as Unicode, and cells that would start a formula (= + - @ tab CR) prefixed with ' so they stay text.
 * `writeCsv` bundles the three lists and a 说明.csv (title and preface) into one zip.
 */
import { stringify } from "csv-stringify/sync";
import JSZip from "jszip";
import { type EditionDraft, LIST_TITLES, type ListKind } from "../domain/edition.ts";
import { documentParagraphs, listSheets } from "./cells.ts";

const BOM = "\uFEFF";

/** Text a spreadsheet would evaluate: starts with = + - @, a tab or a carriage return. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Makes a cell inert for spreadsheets by prefixing ' (also before text that already starts with quotes
 * followed by such a character, so that `unescapeFormula` restores every value exactly).
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Inverse of escapeFormula, applied when a CSV is read back. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** Rows as CSV for Excel: UTF-8 with BOM, CRLF, formula-like cells guarded. */
export function csv(rows: readonly (readonly string[])[]): Buffer {
  const body = stringify(
    rows.map((r) => r.map(escapeFormula)),
    { record_delimiter: "\r\n", quoted_match: /[\n\r",]/ },
  );
  return Buffer.from(BOM + body, "utf8");
}

/** File name of a list inside the CSV zip, e.g. 基本履职事项清单.csv. */
export function csvFileName(list: ListKind): string {
  return `${LIST_TITLES[list]}.csv`;
}

/** Name of the preface file inside the CSV zip. */
export const PREFACE_CSV = "说明.csv";

/** One list as a CSV file (header row, then one row per item). */
export function writeCsvList(draft: EditionDraft, list: ListKind): Buffer {
  const sheet = listSheets(draft).find((s) => s.list === list)!;
  return csv([sheet.header, ...sheet.rows]);
}

/** The whole edition as a zip of CSV files: 说明.csv and one file per list. */
export async function writeCsv(draft: EditionDraft): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2000, 0, 1));
  zip.file(PREFACE_CSV, csv([["说明"], ...documentParagraphs(draft).map((p) => [p])]), { date });
  for (const sheet of listSheets(draft))
    zip.file(csvFileName(sheet.list), csv([sheet.header, ...sheet.rows]), { date });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

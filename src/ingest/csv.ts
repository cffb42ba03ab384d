/**
 * A zip of CSV files (as `lvzhi export --format csv` writes it) → RawDocument: 说明.csv holds the title and
 * preface, one file per list (name containing 基本/配合/收回, or told by its header row). Files may be
 * UTF-8 (with or without BOM) or GB18030, as Excel saves them; the ' that guards formulas is removed.
 */
import { parse } from "csv-parse/sync";
import { LIST_KINDS, type ListKind } from "../domain/edition.ts";
import { DocumentError, type Problem } from "../domain/problem.ts";
import { unescapeFormula } from "../export/csv.ts";
import { decodeText } from "./decode.ts";
import { buildTable, type GridRow, isHeaderRow, listOfHeaderRow, listOfTitle } from "./office-table.ts";
import type { RawDocument, RawParagraph, RawTable } from "./raw.ts";
import { DEFAULT_ZIP_LIMITS, LimitedZip, type ZipLimits } from "./zip-limits.ts";

/**
 * The separator of a CSV file, told by its first line: a comma when it has one; else a tab (a TSV saved as
 * .csv, Excel's “Unicode 文本”) or a semicolon (Excel where the comma is the decimal mark) when it has one.
 */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r|\n|$/));
  if (first.includes(",")) return ",";
  if (first.includes("\t")) return "\t";
  return first.includes(";") ? ";" : ",";
}

/** Parses one CSV file into grid rows numbered like spreadsheet rows (one per record). */
export function csvRows(text: string, file: string): GridRow[] {
  let records: string[][];
  const body = text.replace(/^\uFEFF/, "");
  try {
    records = parse(body, {
      delimiter: delimiterOf(body),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    });
  } catch (error) {
    throw new DocumentError(
      file,
      undefined,
      `CSV 格式错误（${error instanceof Error ? error.message : String(error)}）`,
    );
  }
  return records.map((cells, i) => ({
    cells: cells.map((c) => unescapeFormula(c).replace(/\r\n?/g, "\n")),
    line: i + 1,
  }));
}

function baseName(path: string): string {
  return path.split("/").pop() ?? path;
}

/** Reads a zip of CSV lists; throws DocumentError when it holds no CSV that is a list. */
export async function readCsvZip(
  bytes: Uint8Array,
  file: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<RawDocument> {
  const zip = await LimitedZip.open(bytes, file, ".zip", limits);
  const names = zip
    .names()
    .filter((n) => n.toLowerCase().endsWith(".csv") && !n.startsWith("__MACOSX/"))
    .sort((a, b) => a.localeCompare(b));
  const paragraphs: RawParagraph[] = [];
  const tables = new Map<ListKind, RawTable>();
  const problems: Problem[] = [];
  for (const name of names) {
    const where = `${file}/${name}`;
    const rows = csvRows(decodeText(await zip.read(name), where), where);
    const short = baseName(name);
    if (/说明/.test(short)) {
      for (const row of rows) {
        const text = row.cells
          .map((c) => c.trim())
          .filter(Boolean)
          .join(" ");
        if (text && !(row.line === 1 && text === "说明")) paragraphs.push({ text, line: row.line });
      }
      continue;
    }
    const header = rows.slice(0, 5).find((r) => isHeaderRow(r.cells));
    const list = listOfTitle(short) ?? (header ? listOfHeaderRow(header.cells) : undefined);
    if (!list) {
      problems.push({
        severity: "warning",
        code: "file-skipped",
        message: `${name} 不是清单（名称与表头都不符），已跳过`,
      });
      continue;
    }
    const built = buildTable(rows, list, short.replace(/\.csv$/i, ""), where, name);
    const existing = tables.get(list);
    if (existing) existing.rows.push(...built.rows);
    else tables.set(list, { list, title: built.title, header: built.header, rows: built.rows });
  }
  const found = LIST_KINDS.flatMap((k) => tables.get(k) ?? []).filter((t) => t.rows.length > 0);
  if (found.length === 0) {
    throw new DocumentError(
      file,
      undefined,
      `压缩包中没有清单 CSV 文件：应有名称含“基本”“配合”“收回”、首行为“序号、事项类别、事项名称…”表头的 .csv 文件（找到：${names.join("、") || "无"}）`,
    );
  }
  return { file, paragraphs, tables: found, appendixLines: 0, problems };
}

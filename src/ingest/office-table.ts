/**
 * Grid rows from a Word table, an Excel sheet or a CSV file → RawTable: finds the header row, maps its
 * columns (in any order) to the official columns, skips repeated header rows and empty rows.
 * Shared by the docx, xlsx and csv readers so that all three treat tables alike.
 */
import type { ListKind } from "../domain/edition.ts";
import { lookup } from "../domain/lookup.ts";
import { DocumentError } from "../domain/problem.ts";
import { OFFICIAL_COLUMNS, type RawRow, type RawTable } from "./raw.ts";

/** One row of cells as read from the grid, with its 1-based row number for messages. */
export interface GridRow {
  cells: string[];
  line: number;
  /** Per cell: true when it continues a vertical merge from the row above (its text is the merged text). */
  merged?: boolean[];
}

/** Header text → comparable key: no spaces, half-width parentheses folded to full-width. */
function headerKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}

/** Spellings seen in real files for the official headers (key → official header). */
const HEADER_ALIASES: Record<string, string> = {
  编号: "序号",
  类别: "事项类别",
  名称: "事项名称",
  事项: "事项名称",
  上级部门: "对应上级部门",
  对应部门: "对应上级部门",
  牵头部门: "对应上级部门",
  部门职责: "上级部门职责",
  乡镇配合职责: "乡镇（街道）配合职责",
  乡镇职责: "乡镇（街道）配合职责",
  街道配合职责: "乡镇（街道）配合职责",
  配合职责: "乡镇（街道）配合职责",
  承接部门和工作方式: "承接部门及工作方式",
  承接部门: "承接部门及工作方式",
  说明: "备注",
};

function officialHeader(text: string): string | undefined {
  const key = headerKey(text);
  const official = [...new Set(Object.values(OFFICIAL_COLUMNS).flat())];
  return official.find((h) => headerKey(h) === key) ?? lookup(HEADER_ALIASES, key);
}

/** True when the row is a header row: it names 序号 and 事项名称. */
export function isHeaderRow(cells: readonly string[]): boolean {
  const names = cells.map(officialHeader);
  return names.includes("序号") && names.includes("事项名称");
}

/** Which list a header row belongs to, judged from its columns. */
export function listOfHeaderRow(cells: readonly string[]): ListKind {
  const names = new Set(cells.map(officialHeader));
  if (names.has("承接部门及工作方式")) return "reclaimed";
  if (names.has("对应上级部门") || names.has("上级部门职责") || names.has("乡镇（街道）配合职责"))
    return "cooperative";
  return "basic";
}

/** Which list a title (table title, sheet name, file name) names, if any. */
export function listOfTitle(title: string): ListKind | undefined {
  const t = title.replace(/[\s\u3000]+/g, "");
  if (/收回/.test(t)) return "reclaimed";
  if (/配合/.test(t)) return "cooperative";
  if (/基本/.test(t)) return "basic";
  return undefined;
}

/**
 * For each official column of the list, the index of the grid column that holds it.
 * Throws DocumentError naming the missing columns; columns that are not official are ignored.
 */
export function mapColumns(header: GridRow, list: ListKind, file: string, where: string): number[] {
  const names = header.cells.map(officialHeader);
  const missing: string[] = [];
  const map = OFFICIAL_COLUMNS[list].map((column) => {
    const at = names.indexOf(column);
    if (at < 0 && column !== "备注") missing.push(column);
    return at;
  });
  if (missing.length > 0) {
    throw new DocumentError(
      file,
      header.line,
      `${where}的表头缺少“${missing.join("”“")}”列；应有：${OFFICIAL_COLUMNS[list].join("、")}`,
    );
  }
  return map;
}

function isEmpty(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

/**
 * Builds the table of one list from grid rows that start with (or, for a continuation, contain) a header
 * row. Rows before the first header row are ignored; later header rows (repeated on each page) are skipped.
 * `columns` may be passed to continue a table whose header was read before.
 */
export function buildTable(
  rows: readonly GridRow[],
  list: ListKind,
  title: string,
  file: string,
  where: string,
  columns?: { map: number[]; header: string[] },
): RawTable & { map: number[] } {
  let map = columns?.map;
  let header = columns?.header ?? [...OFFICIAL_COLUMNS[list]];
  const out: RawRow[] = [];
  for (const row of rows) {
    if (isHeaderRow(row.cells)) {
      if (!map) {
        map = mapColumns(row, list, file, where);
        header = map.map((at, i) => (at >= 0 ? row.cells[at]!.trim() : OFFICIAL_COLUMNS[list][i]!));
      }
      continue;
    }
    if (!map || isEmpty(row.cells)) continue;
    const previous = out[out.length - 1];
    if (previous && row.merged?.[map[0]!]) {
      // 序号 merged down: one item laid out over several rows (e.g. one step per row); join its cells.
      map.forEach((at, i) => {
        const text = at >= 0 && !row.merged?.[at] ? (row.cells[at] ?? "").trim() : "";
        if (text) previous.cells[i] = previous.cells[i] ? `${previous.cells[i]}\n${text}` : text;
      });
      continue;
    }
    out.push({ cells: map.map((at) => (at >= 0 ? (row.cells[at] ?? "") : "")), line: row.line });
  }
  if (!map) {
    throw new DocumentError(file, rows[0]?.line, `${where}中找不到表头行（应含“序号”“事项名称”等列）`);
  }
  return { list, title, header, rows: out, map };
}

/**
 * A 考核 indicator table (.xlsx sheet, .csv or a Word table) → indicators: name, content, points and the
 * assessing department, columns found by their headers (指标名称 / 考核内容 / 分值 / 考核部门 and their
 * usual variants). A table split into 一级/二级/三级指标 uses the finest level as the name and the coarser
 * ones as its group. Merged cells (a department over several rows) are filled down.
 */
import { DocumentError } from "../domain/problem.ts";
import { type Grid, type GridFormat, HEADER_SEARCH_ROWS, headerKey, readGrids } from "../ingest/grid.ts";
import type { GridRow } from "../ingest/office-table.ts";

export interface Indicator {
  /** Spreadsheet row (or Word table row) number. */
  line: number;
  /** Coarser levels (一级指标 …), joined with " / "; "" when the table has one level. */
  group: string;
  name: string;
  content: string;
  /** 分值; null when the cell is empty or not a number. */
  points: number | null;
  /** As printed in the table ("" when it has no department column). */
  department: string;
}

export interface IndicatorTable {
  file: string;
  format: GridFormat;
  /** Worksheet or table the indicators come from. */
  sheet: string;
  headerRow: number;
  /** Headers of the columns used, for the report. */
  columns: { name: string; content: string | null; points: string | null; department: string | null };
  indicators: Indicator[];
  /** The table as read (for a CSV or Word source, rewritten as a workbook on export). */
  grid: Grid;
}

const LEVEL = /^(一|二|三|四)级指标(名称)?$/;
const NAME = /^(指标名称|考核指标|考核项目|指标|评价指标|考核事项|指标项目|项目|考核内容名称)$/;
const CONTENT =
  /^(考核内容|指标内容|考核要求|考核标准|评分标准|评分细则|指标说明|具体内容|内容|考核内容及标准|考核内容及评分标准|工作要求|评分办法)$/;
const POINTS = /^(分值|分数|标准分|满分|权重|权重分|分值（分）|基础分|指标分值)$/;
const DEPARTMENT =
  /^(考核部门|责任部门|考核单位|牵头部门|评分部门|考核责任单位|考核主体|牵头考核部门|考评部门|责任单位|牵头单位)$/;

type Role = "level" | "name" | "content" | "points" | "department";

function roleOf(header: string): Role | undefined {
  const key = headerKey(header);
  if (LEVEL.test(key)) return "level";
  if (NAME.test(key)) return "name";
  if (CONTENT.test(key)) return "content";
  if (POINTS.test(key)) return "points";
  if (DEPARTMENT.test(key)) return "department";
  return undefined;
}

interface Layout {
  row: GridRow;
  levels: number[];
  name: number | undefined;
  content: number | undefined;
  points: number | undefined;
  department: number | undefined;
}

function layoutOf(row: GridRow): Layout {
  const layout: Layout = {
    row,
    levels: [],
    name: undefined,
    content: undefined,
    points: undefined,
    department: undefined,
  };
  row.cells.forEach((cell, i) => {
    const role = roleOf(cell);
    if (role === "level") layout.levels.push(i);
    else if (role && layout[role] === undefined) layout[role] = i;
  });
  return layout;
}

/** A header names the indicator (a name, level or content column) and at least one other column. */
function isHeader(layout: Layout): boolean {
  const roles = [layout.levels.length > 0, layout.name, layout.content, layout.points, layout.department];
  const found = roles.filter((r) => r !== undefined && r !== false).length;
  return (
    (layout.levels.length > 0 || layout.name !== undefined || layout.content !== undefined) && found >= 2
  );
}

/** "5", "5分", "5.5 分", "５" → the number; anything else null. */
export function pointsOf(text: string): number | null {
  const t = text.normalize("NFKC").replace(/\s/g, "");
  const m = /^(\d+(?:\.\d+)?)分?$/.exec(t);
  return m ? Number(m[1]) : null;
}

function indicatorsOf(layout: Layout, rows: GridRow[]): Indicator[] {
  const cell = (row: GridRow, i: number | undefined) => (i === undefined ? "" : (row.cells[i] ?? "").trim());
  const name = layout.name ?? layout.levels[layout.levels.length - 1];
  const groups = layout.name === undefined ? layout.levels.slice(0, -1) : layout.levels;
  const out: Indicator[] = [];
  let department = "";
  for (const row of rows) {
    const indicator = {
      line: row.line,
      group: [...new Set(groups.map((g) => cell(row, g)).filter(Boolean))].join(" / "),
      name: cell(row, name),
      content: cell(row, layout.content),
      points: pointsOf(cell(row, layout.points)),
      // A department cell left empty under a filled one continues it (a merge saved as separate cells).
      department: cell(row, layout.department) || department,
    };
    department = indicator.department;
    // A total row (合计/总分) or a row without an indicator is not an indicator.
    if (!indicator.name && !indicator.content) continue;
    if (/^(合计|总计|总分|小计)$/.test(headerKey(indicator.name || indicator.content))) continue;
    out.push(indicator);
  }
  return out;
}

/** Reads an indicator table; DocumentError naming the file when no table has the expected headers. */
export async function readIndicatorTable(
  bytes: Uint8Array,
  file: string,
  format: GridFormat,
): Promise<IndicatorTable> {
  const grids = await readGrids(bytes, file, format);
  for (const grid of grids) {
    const layout = grid.rows.slice(0, HEADER_SEARCH_ROWS).map(layoutOf).find(isHeader);
    if (!layout) continue;
    const indicators = indicatorsOf(
      layout,
      grid.rows.filter((r) => r.line > layout.row.line),
    );
    if (indicators.length === 0) {
      throw new DocumentError(file, layout.row.line, `“${grid.name}”在表头之下没有指标行`);
    }
    const header = (i: number | undefined) => (i === undefined ? null : (layout.row.cells[i] ?? null));
    return {
      file,
      format,
      sheet: grid.name,
      headerRow: layout.row.line,
      columns: {
        name: header(layout.name ?? layout.levels[layout.levels.length - 1]) ?? "",
        content: header(layout.content),
        points: header(layout.points),
        department: header(layout.department),
      },
      indicators,
      grid,
    };
  }
  throw new DocumentError(
    file,
    undefined,
    "没有找到考核指标表：表头应含“指标名称”（或“一级指标/二级指标”“考核项目”）与“考核内容”“分值”“考核部门”中的至少一项",
  );
}

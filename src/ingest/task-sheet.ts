/**
 * A spreadsheet of tasks (.xlsx or .csv, one task a row) → the rows and the column that holds the tasks.
 * The task column is found by its header (任务 / 事项 / 工作内容 / 工作任务 / 内容 …); when two columns fit
 * equally well, or none does, the caller asks the user to choose (`candidates`), and reads again with
 * `chosen`. The first sheet with a task header is used; without one, the first sheet that has rows.
 */
import { DocumentError } from "../domain/problem.ts";
import { columnLetter, type Grid, HEADER_SEARCH_ROWS, headerKey, readGrids } from "./grid.ts";
import type { GridRow } from "./office-table.ts";

export interface SheetColumn {
  /** 0-based. */
  index: number;
  /** As Excel labels it: A, B, … */
  letter: string;
  header: string;
}

export interface TaskSheet {
  file: string;
  format: "xlsx" | "csv";
  /** Worksheet name (the file name for CSV). */
  sheet: string;
  /** 1-based row of the header; the rows below it are tasks. */
  headerRow: number;
  columns: SheetColumn[];
  /** Rows below the header that have any text. */
  rows: GridRow[];
  /** The task column (0-based), or null when the user must choose among `candidates`. */
  taskColumn: number | null;
  candidates: SheetColumn[];
}

/** Header names of a task column, best first: an exact name scores 3, a name containing a key word 2 or 1. */
const EXACT = new Set([
  "任务",
  "任务内容",
  "任务名称",
  "任务事项",
  "工作任务",
  "工作内容",
  "工作事项",
  "事项",
  "事项名称",
  "事项内容",
  "具体任务",
  "具体工作",
  "交办事项",
  "交办任务",
  "内容",
]);
/** Columns that are never the task, whatever else their header says. */
const NOT_TASK = /序号|编号|部门|单位|时限|时间|期限|日期|备注|责任人|联系人|电话|分值|来源|文号|状态|结论/;

function headerScore(text: string): number {
  const key = headerKey(text);
  if (!key || NOT_TASK.test(key)) return 0;
  if (EXACT.has(key)) return 3;
  if (/任务|事项|工作内容/.test(key)) return 2;
  if (/内容|要求/.test(key)) return 1;
  return 0;
}

function columnsOf(header: GridRow): SheetColumn[] {
  return header.cells.flatMap((text, index) =>
    text ? [{ index, letter: columnLetter(index), header: text }] : [],
  );
}

/** The header row of a grid (the first of its top rows with a task-like header) and its best score. */
function findHeader(grid: Grid): { row: GridRow; score: number } | undefined {
  let best: { row: GridRow; score: number } | undefined;
  for (const row of grid.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const score = Math.max(0, ...row.cells.map(headerScore));
    if (score > (best?.score ?? 0)) best = { row, score };
  }
  return best;
}

/**
 * Reads a task sheet. `chosen` (0-based column) is the user's choice when the header did not decide.
 * Throws DocumentError when the file has no rows, or `chosen` is not one of its columns.
 */
export async function readTaskSheet(
  bytes: Uint8Array,
  file: string,
  format: "xlsx" | "csv",
  chosen?: number,
): Promise<TaskSheet> {
  const grids = await readGrids(bytes, file, format);
  const headed = grids.map((g) => ({ grid: g, header: findHeader(g) })).find((g) => g.header);
  const grid = headed?.grid ?? grids[0];
  if (!grid)
    throw new DocumentError(
      file,
      undefined,
      "表格中没有任何内容：应每行一项任务，首行为表头（如“任务”“工作内容”）",
    );
  const header = headed?.header?.row ?? grid.rows[0]!;
  const columns = columnsOf(header);
  const rows = grid.rows.filter((r) => r.line > header.line);
  if (rows.length === 0) {
    throw new DocumentError(file, header.line, `工作表“${grid.name}”在表头之下没有任务行：应每行一项任务`);
  }
  const sheet = { file, format, sheet: grid.name, headerRow: header.line, columns, rows };
  if (chosen !== undefined) {
    if (!columns.some((c) => c.index === chosen)) {
      throw new DocumentError(
        file,
        header.line,
        `没有第 ${columnLetter(chosen)} 列：请从表头中选择任务所在的列`,
      );
    }
    return { ...sheet, taskColumn: chosen, candidates: [] };
  }
  const scores = columns.map((c) => ({ column: c, score: headerScore(c.header) }));
  const top = Math.max(0, ...scores.map((s) => s.score));
  const best = scores.filter((s) => s.score === top && top > 0);
  if (best.length === 1) return { ...sheet, taskColumn: best[0]!.column.index, candidates: [] };
  // Ambiguous or unnamed: offer the tied columns, or every column that holds text below the header.
  const candidates = best.length
    ? best.map((s) => s.column)
    : columns.filter((c) => rows.some((r) => (r.cells[c.index] ?? "").length > 0));
  return { ...sheet, taskColumn: null, candidates };
}

/** The task text of a row ("" when the cell is empty). */
export function taskOf(sheet: TaskSheet, row: GridRow): string {
  return sheet.taskColumn === null ? "" : (row.cells[sheet.taskColumn] ?? "").trim();
}

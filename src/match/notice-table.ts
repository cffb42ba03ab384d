/**
 * Tables in a notice (a .docx table is read as one line a row, cells joined by tabs; a table pasted as
 * Markdown has bars between cells): a header row names
 * the columns and is not a task; every other row is one task — the cells under the columns that hold the
 * work (任务, 事项, 内容, 措施, 要求), or, without a header, the cells that carry words (not a serial number,
 * a deadline, a person or a body).
 */
import { isDate, isHeaderRow, isSignature } from "./notice-roles.ts";

export interface Span {
  start: number;
  end: number;
}

/** Column titles of the work itself, as opposed to deadlines, owners and remarks. */
const WORK_COLUMN = /(任务|事项|内容|措施|要求|工作)/;
const OTHER_COLUMN = /(时限|时间|节点|单位|部门|领导|责任人|联系|电话|备注|序号|编号)/;
const DEADLINE =
  /^((\d{4}年)?\d{1,2}月(\d{1,2}日|底|中旬|上旬|下旬|初)?(前|之前|以前)?|长期|持续|常态化|立即|每月|每季度|每年|全年)/;
const PERSON = /^[\u3400-\u9fff]{1,4}(乡长|镇长|书记|主任|局长|站长|所长|委员|干事|专干)$/;

/** Between cells: a tab (a .docx row, a spreadsheet pasted), or a bar (a Markdown table, ｜ full width). */
const CELL = /\t|[|｜]/;

export const isTableRow = (line: string): boolean =>
  (line.includes("\t") || /^\s*[|｜]/.test(line)) && line.split(CELL).filter((c) => c.trim()).length >= 2;

/** The work columns a header row names (null when the row is not a header, or names none). */
export function workColumns(line: string): Set<number> | null {
  const cells = line.split(CELL).map((c) => c.trim());
  if (!isHeaderRow(cells.filter(Boolean).join(" "))) return null;
  const work = cells.flatMap((c, i) => (WORK_COLUMN.test(c) && !OTHER_COLUMN.test(c) ? [i] : []));
  return work.length ? new Set(work) : null;
}

function cellSpans(line: string, lineStart: number): (Span & { text: string; column: number })[] {
  const out: (Span & { text: string; column: number })[] = [];
  let offset = 0;
  line.split(CELL).forEach((cell, column) => {
    const lead = cell.length - cell.trimStart().length;
    const text = cell.trim();
    if (text)
      out.push({
        start: lineStart + offset + lead,
        end: lineStart + offset + lead + text.length,
        text,
        column,
      });
    offset += cell.length + 1;
  });
  return out;
}

/** A row's task: from the first to the last cell holding work; null for a header row or a row of none. */
export function rowTask(line: string, lineStart: number, columns: Set<number> | null): Span | null {
  if (isHeaderRow(line.split(CELL).join(" "))) return null;
  const work = cellSpans(line, lineStart).filter((cell) => {
    if (columns) return columns.has(cell.column) && /[\u3400-\u9fff]{2}/.test(cell.text);
    return !(
      /^[\d\s.、．()（）-]*$/.test(cell.text) ||
      isDate(cell.text) ||
      DEADLINE.test(cell.text) ||
      PERSON.test(cell.text) ||
      isSignature(cell.text) ||
      (cell.text.match(/[\u3400-\u9fff]/g)?.length ?? 0) < 4
    );
  });
  const first = work[0];
  const last = work[work.length - 1];
  return first && last ? { start: first.start, end: last.end } : null;
}

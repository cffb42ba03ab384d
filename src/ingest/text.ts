/**
 * The text format of the reference document: title and preface paragraphs, then three tables whose rows are
 * tab-separated lines, each preceded by its title and a header row that repeats after every page break.
 * Lines after the last table that repeat item names (the appendix) are recognised and skipped.
 */
import { LIST_KINDS, type ListKind } from "../domain/edition.ts";
import { DocumentError, type Problem } from "../domain/problem.ts";
import { cellLines } from "./html.ts";
import { checkItemCount, checkParagraphCount, MAX_ITEMS, MAX_WARNINGS } from "./limits.ts";
import { OFFICIAL_COLUMNS, type RawDocument, type RawParagraph, type RawTable } from "./raw.ts";

const TABLE_TITLE = /^(.{0,40}?)(基本履职事项清单|配合履职事项清单|上级部门收回事项清单)$/;

const TITLE_LIST: Record<string, ListKind> = {
  基本履职事项清单: "basic",
  配合履职事项清单: "cooperative",
  上级部门收回事项清单: "reclaimed",
};

/** Which list a header row belongs to, from its columns. */
export function listOfHeader(header: readonly string[]): ListKind {
  if (header.some((h) => h.includes("承接部门"))) return "reclaimed";
  if (header.some((h) => h.includes("上级部门") || h.includes("配合职责"))) return "cooperative";
  return "basic";
}

/** A table row starts with its 序号 (full-width digits allowed). */
const ROW_START = /^\s*([0-9０-９]{1,4})\s*$/;

function isHeader(cells: readonly string[]): boolean {
  return cells[0]?.replace(/\s/g, "") === "序号" && cells.some((c) => c.includes("事项名称"));
}

/** Reads a decoded text document into the format-neutral RawDocument. */
export function readText(text: string, file: string): RawDocument {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n|\f/);
  const paragraphs: RawParagraph[] = [];
  const tables: RawTable[] = [];
  let table: RawTable | undefined;
  let pendingTitle: { list: ListKind; title: string } | undefined;
  let trailing: { text: string; line: number }[] = [];
  const problems: Problem[] = [];
  const stray = (): void => {
    for (const t of trailing) {
      problems.push({
        severity: "warning",
        code: "stray-line",
        message: `表格中无法识别的行，已跳过：“${t.text.slice(0, 40)}”`,
        line: t.line,
      });
    }
    trailing = [];
  };

  let rows = 0;
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (!trimmed) return;
    // Lines after a table wait to be judged appendix or stray: more than any list's item names is neither.
    if (trailing.length + problems.length > MAX_ITEMS + MAX_WARNINGS) {
      throw new DocumentError(
        file,
        line,
        `表格之间或之后有 ${trailing.length + problems.length} 行无法识别，超过上限：文件格式严重错乱或不是履职事项清单`,
      );
    }
    const cells = rawLine.split("\t").map((c) => c.trim());
    const title = cells.length === 1 ? TABLE_TITLE.exec(trimmed.replace(/\s+/g, "")) : null;
    if (title?.[2] && !/\.{3,}|…{2,}/.test(trimmed)) {
      pendingTitle = { list: TITLE_LIST[title[2]]!, title: trimmed };
      stray();
      return;
    }
    if (isHeader(cells)) {
      const list = pendingTitle?.list ?? listOfHeader(cells);
      if (pendingTitle || !table || table.list !== list) {
        table = { list, title: pendingTitle?.title ?? "", header: cells, rows: [] };
        tables.push(table);
        pendingTitle = undefined;
      }
      return;
    }
    if (table && cells.length > 1 && ROW_START.test(cells[0]!)) {
      const width = OFFICIAL_COLUMNS[table.list].length;
      while (cells.length > width && cells[cells.length - 1] === "") cells.pop();
      if (cells.length < width - 1 || cells.length > width) {
        throw new DocumentError(
          file,
          line,
          `${table.title || table.list} 的表格行有 ${cells.length} 列，应为 ${width} 列（${OFFICIAL_COLUMNS[table.list].join("、")}）`,
        );
      }
      while (cells.length < width) cells.push("");
      stray();
      checkItemCount(++rows, file, line);
      table.rows.push({ cells, line });
      return;
    }
    if (tables.length === 0) {
      paragraphs.push({ text: trimmed, line });
      checkParagraphCount(paragraphs.length, file);
    } else trailing.push({ text: trimmed, line });
  });

  if (tables.length === 0 || tables.every((t) => t.rows.length === 0)) {
    throw new DocumentError(
      file,
      undefined,
      "找不到清单表格：应有以“序号、事项类别、事项名称”开头的表头行和以序号开头的数据行",
    );
  }
  // After the last row: lines repeating item names are the appendix; anything else is reported.
  const names = new Set(tables.flatMap((t) => t.rows.map((r) => (r.cells[2] ?? "").replace(/\s+/g, ""))));
  const isName = (text: string) => names.has(text.replace(/\s+/g, ""));
  const appendix = trailing.filter((t) => {
    const fragments = cellLines(t.text.replace(/\t/g, "\n"));
    return fragments.length > 0 && fragments.every(isName);
  });
  trailing = trailing.filter((t) => !appendix.includes(t));
  stray();
  return { file, paragraphs, tables: mergeTables(tables), appendixLines: appendix.length, problems };
}

/** A list split by page breaks into several tables (a title per page) is one table. */
function mergeTables(tables: RawTable[]): RawTable[] {
  const merged: RawTable[] = [];
  for (const list of LIST_KINDS) {
    const parts = tables.filter((t) => t.list === list && t.rows.length > 0);
    const first = parts[0];
    if (!first) continue;
    merged.push({ ...first, rows: parts.flatMap((p) => p.rows) });
  }
  return merged;
}

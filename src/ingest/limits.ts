/**
 * How big a duty-list document may be once read: rows, cells, paragraphs and warnings. A real edition has a
 * few hundred items (Cele: 254), cells of at most a few thousand characters (Cele's longest: 1 648) and a
 * handful of warnings (Cele: 10). Past these caps a file is not a list, or is broken beyond use: it is
 * refused with a DocumentError saying which cap, instead of being stored (a 1,000,000-line file once
 * imported "successfully" with 990k warnings in one 102 MB cell).
 */
import type { EditionDraft } from "../domain/edition.ts";
import { DocumentError, type Problem } from "../domain/problem.ts";

export const MAX_ITEMS = 2_000;
export const MAX_CELL_CHARS = 20_000;
export const MAX_PARAGRAPHS = 2_000;
export const MAX_WARNINGS = 500;

/** Refuses a document with more item rows than any edition has. */
export function checkItemCount(count: number, file: string, line?: number): void {
  if (count > MAX_ITEMS) {
    throw new DocumentError(
      file,
      line,
      `清单行数超过上限 ${MAX_ITEMS}（一个乡镇的清单通常只有几百项）：文件可能不是履职事项清单，或表格行被大量重复`,
    );
  }
}

/** Refuses a cell (or paragraph) longer than any real one; `what` names it (“第 3 行的事项名称”). */
export function checkCell(text: string, file: string, line: number | undefined, what: string): void {
  if (text.length > MAX_CELL_CHARS) {
    throw new DocumentError(
      file,
      line,
      `${what}有 ${text.length} 字，超过单元格上限 ${MAX_CELL_CHARS} 字：请检查是否误把多行或整个文件粘进了一个单元格`,
    );
  }
}

/** Refuses a document with more paragraphs outside the tables than a title and preface have. */
export function checkParagraphCount(count: number, file: string): void {
  if (count > MAX_PARAGRAPHS) {
    throw new DocumentError(
      file,
      undefined,
      `表格外的段落超过上限 ${MAX_PARAGRAPHS} 段：文件可能不是履职事项清单（清单的标题和说明只有几十段）`,
    );
  }
}

/** Refuses a document with so many warnings that it is not a list, or is broken beyond review. */
export function checkWarnings(problems: readonly Problem[], file: string): void {
  if (problems.length > MAX_WARNINGS) {
    const first = problems[0];
    throw new DocumentError(
      file,
      first?.line,
      `发现 ${problems.length} 处问题，超过上限 ${MAX_WARNINGS}：文件格式严重错乱或不是履职事项清单` +
        (first ? `（第一处：${first.message.slice(0, 60)}）` : ""),
    );
  }
}

/** The caps for an edition read whole (lvzhi's JSON): item count, and every text in it as a cell. */
export function checkDraftSizes(draft: EditionDraft, file: string): void {
  checkItemCount(draft.items.length, file);
  checkParagraphCount(draft.preface.length, file);
  for (const p of draft.preface) checkCell(p, file, undefined, "说明段落");
  const walk = (value: unknown, where: string): void => {
    if (typeof value === "string") checkCell(value, file, undefined, where);
    else if (Array.isArray(value)) for (const v of value) walk(v, where);
    else if (value && typeof value === "object") for (const v of Object.values(value)) walk(v, where);
  };
  for (const item of draft.items) walk(item, `${item.list} 第 ${item.number} 项的文字`);
}

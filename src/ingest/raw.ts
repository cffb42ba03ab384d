/**
 * The format-neutral shape every reader (text, docx, xlsx) produces: the preface paragraphs and the
 * three tables as rows of cell strings, each row tagged with where it came from. `assemble` turns this
 * into an EditionDraft, so every format shares one set of cell rules and one lint.
 */
import type { ListKind } from "../domain/edition.ts";
import type { Problem } from "../domain/problem.ts";

export interface RawParagraph {
  text: string;
  /** 1-based line (text) or paragraph index (docx). */
  line: number;
}

export interface RawRow {
  /** Cells in the order of `RawTable.header` (already mapped to the official columns). */
  cells: string[];
  /** 1-based line (text) or row number (xlsx/docx), for messages. */
  line: number;
}

export interface RawTable {
  list: ListKind;
  /** The table's title as printed, e.g. 策勒县策勒乡基本履职事项清单. */
  title: string;
  /** Official column headers as printed (序号, 事项类别, 事项名称, …). */
  header: string[];
  rows: RawRow[];
}

export interface RawDocument {
  /** File name for messages. */
  file: string;
  /** Title paragraphs and the preface (说明) up to the first table. */
  paragraphs: RawParagraph[];
  tables: RawTable[];
  /** Lines after the last table that were recognised as an appendix and not imported. */
  appendixLines: number;
  /** Warnings the reader found (lines it skipped, cells it could not map); assemble adds them to its own. */
  problems?: Problem[];
  /** The title in the file's document properties (Office files), the last place the heading is looked for. */
  propertiesTitle?: string;
}

/** Official column headers per list, in document order. */
export const OFFICIAL_COLUMNS: Record<ListKind, readonly string[]> = {
  basic: ["序号", "事项类别", "事项名称", "备注"],
  cooperative: [
    "序号",
    "事项类别",
    "事项名称",
    "对应上级部门",
    "上级部门职责",
    "乡镇（街道）配合职责",
    "备注",
  ],
  reclaimed: ["序号", "事项类别", "事项名称", "承接部门及工作方式", "备注"],
};

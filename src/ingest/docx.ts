/**
 * .docx → RawDocument: the title and preface as paragraphs, then each list's Word table(s), identified by
 * the title paragraph before the table (…基本/配合/上级部门收回…清单) or by its header row. A list split
 * into several tables (one per page) is one list; repeated header rows are skipped.
 */
import { LIST_KINDS, type ListKind } from "../domain/edition.ts";
import { DocumentError, type Problem } from "../domain/problem.ts";
import { Numbering } from "./docx-numbering.ts";
import {
  blocks,
  child,
  childrenOf,
  paragraphText,
  parseXml,
  type TableRow,
  tableRows,
  tagOf,
} from "./docx-xml.ts";
import { buildTable, type GridRow, isHeaderRow, listOfHeaderRow, listOfTitle } from "./office-table.ts";
import { documentTitle } from "./properties.ts";
import type { RawDocument, RawParagraph, RawTable } from "./raw.ts";
import { DEFAULT_ZIP_LIMITS, LimitedZip, type ZipLimits } from "./zip-limits.ts";

/** A table title: names a list and ends in 清单 (table-of-contents lines with dot leaders are not titles). */
function tableTitle(text: string): ListKind | undefined {
  const t = text.replace(/[\s\u3000]+/g, "");
  if (!/清单$/.test(t) || /\.{3,}|…{2,}/.test(t) || t.length > 60) return undefined;
  return listOfTitle(t);
}

interface ListTable {
  table: RawTable;
  map: number[];
  /** Rows read so far, for 1-based row numbers across a list split into several tables. */
  rowCount: number;
}

/** A row that merges all its columns into one title ("策勒县策勒乡基本履职事项清单") inside the table. */
function inTableTitle(row: TableRow): string | undefined {
  const texts = [...new Set(row.cells.filter((c) => c.trim()))];
  return texts.length === 1 && tableTitle(texts[0]!) ? texts[0] : undefined;
}

/** Reads a .docx; throws DocumentError for containers that are not Word documents or hold no list table. */
export async function readDocx(
  bytes: Uint8Array,
  file: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<RawDocument> {
  const zip = await LimitedZip.open(bytes, file, ".docx", limits);
  if (!zip.has("word/document.xml")) {
    const hint = zip.has("xl/workbook.xml")
      ? "这是 Excel 工作簿（.xlsx），不是 Word 文档"
      : "压缩包内没有 word/document.xml";
    throw new DocumentError(file, undefined, `不是 Word 文档（.docx）：${hint}`);
  }
  const numbering = new Numbering(
    zip.has("word/numbering.xml") ? await zip.text("word/numbering.xml") : undefined,
    zip.has("word/styles.xml") ? await zip.text("word/styles.xml") : undefined,
    file,
  );
  const root = parseXml(await zip.text("word/document.xml"), file, "word/document.xml");
  const document = root.find((n) => tagOf(n) === "w:document");
  const body = child(document, "w:body");
  if (!body) throw new DocumentError(file, undefined, "word/document.xml 中没有正文（w:body）");

  const paragraphs: RawParagraph[] = [];
  const problems: Problem[] = [];
  const lists = new Map<ListKind, ListTable>();
  let pending: { text: string; line: number }[] = [];
  let last: ListTable | undefined;
  let paragraphNo = 0;

  for (const block of blocks(childrenOf(body))) {
    if (tagOf(block) === "w:p") {
      paragraphNo++;
      for (const line of paragraphText(block, numbering).split("\n")) {
        const text = line.replace(/\t/g, " ").trim();
        if (text) pending.push({ text, line: paragraphNo });
      }
      continue;
    }
    const rows = tableRows(block, numbering);
    const titleParagraph =
      pending.length > 0 && tableTitle(pending[pending.length - 1]!.text) ? pending.pop() : undefined;
    const title = titleParagraph?.text ?? (rows[0] ? inTableTitle(rows[0]) : undefined) ?? "";
    const headerAt = rows.findIndex((r, i) => i < 4 && isHeaderRow(r.cells));
    const list = tableTitle(title) ?? (headerAt >= 0 ? listOfHeaderRow(rows[headerAt]!.cells) : undefined);
    // A table with neither title nor header continues the previous list (a list broken across pages).
    const target = list ? lists.get(list) : headerAt < 0 && !titleParagraph ? last : undefined;
    if (!list && !target) {
      if (lists.size === 0) paragraphs.push(...pending);
      pending = [];
      continue; // a layout or contents table, not a list
    }
    if (lists.size === 0) paragraphs.push(...pending);
    else strayParagraphs(pending, problems);
    pending = [];
    const kind = list ?? target!.table.list;
    const existing = lists.get(kind);
    const start = existing?.rowCount ?? 0;
    const grid: GridRow[] = rows
      .filter((r) => !r.repeatsAsHeader || isHeaderRow(r.cells))
      .map((r) => ({ cells: r.cells, merged: r.merged, line: start + rows.indexOf(r) + 1 }));
    const where = `${title || kind}表格`;
    const columns =
      existing && headerAt < 0 ? { map: existing.map, header: existing.table.header } : undefined;
    const built = buildTable(grid, kind, existing?.table.title || title, file, where, columns);
    if (existing) {
      existing.table.rows.push(...built.rows);
      existing.rowCount += rows.length;
      last = existing;
    } else {
      last = {
        table: { list: built.list, title: built.title, header: built.header, rows: built.rows },
        map: built.map,
        rowCount: rows.length,
      };
      lists.set(kind, last);
    }
  }

  // Lists in their official order, like the text reader (a document that prints them otherwise reads the same).
  const tables = LIST_KINDS.flatMap((k) => lists.get(k)?.table ?? []).filter((t) => t.rows.length > 0);
  if (tables.length === 0) {
    throw new DocumentError(
      file,
      undefined,
      "Word 文档中没有找到清单表格：应有标题为“…基本履职事项清单”等的表格，表头含“序号、事项类别、事项名称”",
    );
  }
  const names = new Set(tables.flatMap((t) => t.rows.map((r) => (r.cells[2] ?? "").replace(/\s+/g, ""))));
  const appendix = pending.filter((p) => names.has(p.text.replace(/\s+/g, "")));
  strayParagraphs(
    pending.filter((p) => !appendix.includes(p)),
    problems,
  );
  const propertiesTitle = await documentTitle(zip);
  return { file, paragraphs, tables, appendixLines: appendix.length, problems, propertiesTitle };
}

function strayParagraphs(pending: readonly { text: string; line: number }[], problems: Problem[]): void {
  for (const p of pending) {
    problems.push({
      severity: "warning",
      code: "stray-line",
      message: `表格之间无法识别的段落，已跳过：“${p.text.slice(0, 40)}”`,
      line: p.line,
    });
  }
}

/**
 * EditionDraft → .docx in the official layout: title, date, 说明 with the totals computed from the items,
 * then the three lists as tables whose header row repeats on every page; A4 landscape. Chinese text is set
 * with eastAsia font names that Word and WPS both map (仿宋_GB2312 for prose, 宋体 for tables, 黑体 for titles).
 */
import {
  AlignmentType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { EditionDraft, ListKind } from "../domain/edition.ts";
import { documentParagraphs, type ListSheet, listSheets } from "./cells.ts";
import { A4, officialDocx, PROSE, TABLE, TITLE } from "./docx-page.ts";

/** A4 in twips (portrait measures; the landscape flag swaps them). */
const MARGIN = 1134; // 2 cm
const CONTENT_WIDTH = A4.height - 2 * MARGIN;

/** Relative column widths per list, in the order of the official columns. */
const COLUMN_WEIGHTS: Record<ListKind, number[]> = {
  basic: [6, 14, 70, 10],
  cooperative: [4, 8, 14, 12, 29, 27, 6],
  reclaimed: [5, 10, 25, 52, 8],
};

function widths(list: ListKind): number[] {
  const weights = COLUMN_WEIGHTS[list];
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((CONTENT_WIDTH * w) / total));
}

/** Paragraph styles of the table cells: set once in styles.xml instead of on every paragraph and run. */
const CELL_STYLES = [
  {
    id: "LvzhiCell",
    name: "清单表格正文",
    run: { font: TABLE, size: 21 },
    paragraph: { spacing: { before: 0, after: 0, line: 280 } },
  },
  {
    id: "LvzhiCellCenter",
    name: "清单表格居中",
    basedOn: "LvzhiCell",
    paragraph: { alignment: AlignmentType.CENTER },
  },
  { id: "LvzhiCellHeader", name: "清单表头", basedOn: "LvzhiCellCenter", run: { bold: true } },
];

function cell(text: string, width: number, options: { header?: boolean; center?: boolean } = {}): TableCell {
  const lines = text === "" ? [""] : text.split("\n");
  const style = options.header ? "LvzhiCellHeader" : options.center ? "LvzhiCellCenter" : "LvzhiCell";
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: options.header ? VerticalAlign.CENTER : VerticalAlign.TOP,
    shading: options.header ? { type: ShadingType.CLEAR, color: "auto", fill: "D9E2F3" } : undefined,
    children: lines.map((line) => new Paragraph({ style, text: line })),
  });
}

function listTable(sheet: ListSheet): Table {
  const columnWidths = widths(sheet.list);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: sheet.header.map((h, i) => cell(h, columnWidths[i]!, { header: true })),
  });
  const rows = sheet.rows.map(
    (cells) =>
      new TableRow({
        children: cells.map((text, i) =>
          cell(text, columnWidths[i]!, { center: i === 0 || i === cells.length - 1 || i === 1 }),
        ),
      }),
  );
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [header, ...rows],
  });
}

const SECTION_HEADING = /^[一二三四五六七八九十]+、/;

function prefaceParagraph(text: string, index: number): Paragraph {
  if (index === 0) {
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text, font: TITLE, size: 40 })],
    });
  }
  const centered = index === 1 || /^说\s*明$/.test(text);
  const heading = SECTION_HEADING.test(text) || /^说\s*明$/.test(text);
  return new Paragraph({
    alignment: centered ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: centered ? undefined : { firstLine: 640 },
    spacing: { after: 120, line: 440 },
    children: [new TextRun({ text, font: heading ? TITLE : PROSE, size: 30 })],
  });
}

function listTitle(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    pageBreakBefore: true,
    spacing: { after: 200 },
    children: [new TextRun({ text, font: TITLE, size: 32 })],
  });
}

/** Writes the edition as a .docx document. */
export async function writeDocx(draft: EditionDraft): Promise<Buffer> {
  const children: (Paragraph | Table)[] = documentParagraphs(draft).map(prefaceParagraph);
  for (const sheet of listSheets(draft)) {
    children.push(listTitle(sheet.title), listTable(sheet));
  }
  return officialDocx({
    title: draft.title,
    margin: MARGIN,
    landscape: true,
    paragraphStyles: CELL_STYLES,
    children,
  });
}

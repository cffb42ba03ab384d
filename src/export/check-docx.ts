/**
 * A 核验单 (task check sheet) as .docx: title, a header table (township, edition, date, 核验人 …), one
 * row per task, and a 签章 area; A4 portrait, table header repeated on every page. The caller gives the
 * cells as text (one line per "\n"), so the sheet and the CSV download carry the same words.
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
import { A4, officialDocx, PROSE, TABLE, TITLE } from "./docx-page.ts";

export interface CheckSheet {
  title: string;
  /** [label, value] pairs printed above the results. */
  header: [string, string][];
  columns: string[];
  /** Relative widths of the columns. */
  weights: number[];
  rows: string[][];
  /** Lines under the table: signatures, seal, date. */
  seal: string[];
  footnote: string;
}

/** A4 portrait in twips, 2.5 cm side margins. */
const MARGIN = 1418;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;

function cell(text: string, width: number, header = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
    shading: header ? { type: ShadingType.CLEAR, color: "auto", fill: "D9E2F3" } : undefined,
    children: (text === "" ? [""] : text.split("\n")).map(
      (line) =>
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { before: 0, after: 0, line: 280 },
          children: [new TextRun({ text: line, font: TABLE, size: 20, bold: header })],
        }),
    ),
  });
}

function table(columns: string[], weights: number[], rows: string[][], repeatHeader: boolean): Table {
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((CONTENT_WIDTH * w) / total));
  const head = new TableRow({
    tableHeader: repeatHeader,
    cantSplit: true,
    children: columns.map((h, i) => cell(h, widths[i]!, true)),
  });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [head, ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, widths[i]!)) }))],
  });
}

function headerTable(pairs: [string, string][]): Table {
  const widths = [Math.floor(CONTENT_WIDTH * 0.22), CONTENT_WIDTH - Math.floor(CONTENT_WIDTH * 0.22)];
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: pairs.map(([k, v]) => new TableRow({ children: [cell(k, widths[0]!, true), cell(v, widths[1]!)] })),
  });
}

const prose = (text: string, options: { center?: boolean; right?: boolean; before?: number } = {}) =>
  new Paragraph({
    alignment: options.center
      ? AlignmentType.CENTER
      : options.right
        ? AlignmentType.RIGHT
        : AlignmentType.LEFT,
    spacing: { before: options.before ?? 0, after: 120, line: 400 },
    children: [new TextRun({ text, font: PROSE, size: 28 })],
  });

/** Writes the sheet as a .docx document. */
export async function writeCheckSheet(sheet: CheckSheet): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: sheet.title, font: TITLE, size: 40 })],
    }),
    headerTable(sheet.header),
    prose("", { before: 120 }),
    table(sheet.columns, sheet.weights, sheet.rows, true),
    ...sheet.seal.map((line, i) =>
      prose(line, { right: i === sheet.seal.length - 1, before: i === 0 ? 360 : 120 }),
    ),
    new Paragraph({
      spacing: { before: 240 },
      children: [new TextRun({ text: sheet.footnote, font: TABLE, size: 18 })],
    }),
  ];
  return officialDocx({ title: sheet.title, margin: MARGIN, children });
}

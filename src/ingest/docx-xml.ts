/**
 * WordprocessingML in document order: the body's paragraphs and tables, a paragraph's visible text,
 * and a table's rows as a grid with merged cells (gridSpan, vMerge) resolved.
 */
import { XMLParser } from "fast-xml-parser";
import { DocumentError } from "../domain/problem.ts";
import type { Numbering, NumberingRef } from "./docx-numbering.ts";

/** A node of fast-xml-parser's ordered output: { tag: children[], ":@": attributes } or { "#text": … }. */
export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

/** Parses an Office XML part; document type declarations (entity expansion) are refused outright. */
export function parseXml(xml: string, file: string, part: string): XmlNode[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.slice(0, 4096))) {
    throw new DocumentError(file, undefined, `${part} 含有 DTD 声明，Office 文档不应如此，已拒绝`);
  }
  try {
    return parser.parse(xml) as XmlNode[];
  } catch (error) {
    throw new DocumentError(
      file,
      undefined,
      `${part} 不是有效的 XML（${error instanceof Error ? error.message : error}）`,
    );
  }
}

export function tagOf(node: XmlNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return undefined;
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  return (node?.[":@"] as Record<string, string> | undefined)?.[name];
}

/** The first child with a tag. */
export function child(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  return node ? childrenOf(node).find((c) => tagOf(c) === tag) : undefined;
}

/** Block-level content of a container, with content controls and custom XML unwrapped. */
export function blocks(nodes: readonly XmlNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "w:p" || tag === "w:tbl") out.push(node);
    else if (tag === "w:sdt") out.push(...blocks(childrenOf(child(node, "w:sdtContent") ?? {})));
    else if (tag === "w:customXml") out.push(...blocks(childrenOf(node)));
  }
  return out;
}

/** Inline containers whose runs are visible text; everything else (deletions, drawings, fields' codes) is not. */
const INLINE_CONTAINERS = new Set([
  "w:r",
  "w:hyperlink",
  "w:ins",
  "w:moveTo",
  "w:smartTag",
  "w:customXml",
  "w:sdt",
  "w:sdtContent",
  "w:fldSimple",
  "w:dir",
  "w:bdo",
]);

function runText(nodes: readonly XmlNode[], out: string[]): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "w:t")
      out.push(
        childrenOf(node)
          .map((t) => String(t["#text"] ?? ""))
          .join(""),
      );
    else if (tag === "w:tab" || tag === "w:ptab") out.push("\t");
    else if (tag === "w:br")
      out.push(attr(node, "w:type") === "page" || attr(node, "w:type") === "column" ? "" : "\n");
    else if (tag === "w:cr") out.push("\n");
    else if (tag === "w:noBreakHyphen") out.push("-");
    else if (tag && INLINE_CONTAINERS.has(tag)) runText(childrenOf(node), out);
  }
}

/** The numbering reference of a paragraph: direct w:numPr, else its style's. */
function numberingOf(paragraph: XmlNode, numbering: Numbering): NumberingRef | undefined {
  const pPr = child(paragraph, "w:pPr");
  const numPr = child(pPr, "w:numPr");
  const numId = attr(child(numPr, "w:numId"), "w:val");
  if (numId !== undefined) {
    const style = numbering.styleRef(attr(child(pPr, "w:pStyle"), "w:val"));
    const level = attr(child(numPr, "w:ilvl"), "w:val");
    return { numId, level: level !== undefined ? Number(level) : (style?.level ?? 0) };
  }
  return numbering.styleRef(attr(child(pPr, "w:pStyle"), "w:val"));
}

/**
 * A paragraph's text as shown: runs joined, line breaks kept as "\n", and the list number Word draws
 * before a numbered paragraph ("1.") prefixed.
 */
export function paragraphText(paragraph: XmlNode, numbering: Numbering): string {
  const parts: string[] = [];
  runText(childrenOf(paragraph), parts);
  const text = parts.join("");
  const ref = numberingOf(paragraph, numbering);
  if (!ref || !text.trim()) return text;
  return numbering.next(ref) + text.trimStart();
}

/** The text lines of a table cell: each paragraph (and each line break) on its own line. */
function cellText(cell: XmlNode, numbering: Numbering): string {
  const lines: string[] = [];
  const walk = (nodes: readonly XmlNode[]) => {
    for (const block of blocks(nodes)) {
      if (tagOf(block) === "w:p") lines.push(...paragraphText(block, numbering).split("\n"));
      else
        for (const row of childrenOf(block))
          for (const c of childrenOf(row)) if (tagOf(c) === "w:tc") walk(childrenOf(c));
    }
  };
  walk(childrenOf(cell));
  return lines
    .map((l) => l.replace(/[\t\u00a0]/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

export interface TableRow {
  cells: string[];
  /** Per grid column: the cell continues a vertical merge. */
  merged: boolean[];
  /** Marked as a header row that Word repeats on each page (w:tblHeader). */
  repeatsAsHeader: boolean;
}

/** Children with a tag, looking through content controls and custom XML that wrap rows or cells. */
function unwrap(nodes: readonly XmlNode[], tag: string): XmlNode[] {
  return nodes.flatMap((n) => {
    const t = tagOf(n);
    if (t === tag) return [n];
    if (t === "w:sdt") return unwrap(childrenOf(child(n, "w:sdtContent") ?? {}), tag);
    if (t === "w:customXml") return unwrap(childrenOf(n), tag);
    return [];
  });
}

function onOff(node: XmlNode | undefined): boolean {
  if (!node) return false;
  const value = attr(node, "w:val");
  return value === undefined || !["0", "false", "off"].includes(value);
}

/**
 * A table as a grid: a cell spanning columns (gridSpan) leaves the columns it covers empty; a cell that
 * continues a vertical merge (vMerge without "restart") repeats the text of the cell it continues,
 * so merged category cells are filled down.
 */
export function tableRows(table: XmlNode, numbering: Numbering): TableRow[] {
  const rows: TableRow[] = [];
  let previous: string[] = [];
  for (const tr of unwrap(childrenOf(table), "w:tr")) {
    const trPr = child(tr, "w:trPr");
    const cells: string[] = [];
    const merged: boolean[] = [];
    let column = Number(attr(child(trPr, "w:gridBefore"), "w:val") ?? 0);
    for (let i = 0; i < column; i++) cells.push("");
    for (const tc of unwrap(childrenOf(tr), "w:tc")) {
      const tcPr = child(tc, "w:tcPr");
      const span = Math.max(1, Number(attr(child(tcPr, "w:gridSpan"), "w:val") ?? 1) || 1);
      const vMerge = child(tcPr, "w:vMerge");
      const continues = vMerge !== undefined && attr(vMerge, "w:val") !== "restart";
      cells[column] = continues ? (previous[column] ?? "") : cellText(tc, numbering);
      merged[column] = continues;
      for (let i = 1; i < span; i++) cells[column + i] = "";
      column += span;
    }
    rows.push({ cells, merged, repeatsAsHeader: onOff(child(trPr, "w:tblHeader")) });
    previous = cells;
  }
  return rows;
}

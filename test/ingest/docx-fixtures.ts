/** Hand-written WordprocessingML for the docx reader tests: what Word and WPS put in real files. */
import JSZip from "jszip";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A paragraph; `num` gives it Word numbering (numId, level). */
export function p(text: string, num?: { id: number; level?: number }): string {
  const pPr = num
    ? `<w:pPr><w:numPr><w:ilvl w:val="${num.level ?? 0}"/><w:numId w:val="${num.id}"/></w:numPr></w:pPr>`
    : "";
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
}

/** A cell from raw paragraph XML, with optional merge properties. */
export function tc(content: string, props: { vMerge?: "restart" | "continue"; span?: number } = {}): string {
  const parts: string[] = [];
  if (props.span) parts.push(`<w:gridSpan w:val="${props.span}"/>`);
  if (props.vMerge === "restart") parts.push('<w:vMerge w:val="restart"/>');
  if (props.vMerge === "continue") parts.push("<w:vMerge/>");
  return `<w:tc><w:tcPr>${parts.join("")}</w:tcPr>${content || "<w:p/>"}</w:tc>`;
}

/** A row of plain-text cells (each cell one paragraph per line). */
export function row(cells: string[], header = false): string {
  const trPr = header ? "<w:trPr><w:tblHeader/></w:trPr>" : "";
  return `<w:tr>${trPr}${cells
    .map((c) =>
      tc(
        c
          .split("\n")
          .map((l) => p(l))
          .join(""),
      ),
    )
    .join("")}</w:tr>`;
}

export function tbl(rows: string[]): string {
  return `<w:tbl><w:tblPr/>${rows.join("")}</w:tbl>`;
}

/** Decimal "%1." numbering (numId 1, restarted per cell by numIds 2, 3 with startOverride) and Chinese "%1、" (numId 9). */
export const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="9"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>`;

/** A .docx container around body XML (and optional numbering.xml). */
export async function docx(body: string, numbering?: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  if (numbering) zip.file("word/numbering.xml", numbering);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

export const BASIC_HEADER = ["序号", "事项类别", "事项名称", "备注"];
export const COOPERATIVE_HEADER = [
  "序号",
  "事项类别",
  "事项名称",
  "对应上级部门",
  "上级部门职责",
  "乡镇（街道）配合职责",
  "备注",
];
export const RECLAIMED_HEADER = ["序号", "事项类别", "事项名称", "承接部门及工作方式", "备注"];

/** The paragraphs before the tables, as the official document prints them. */
export const FRONT = [
  "新疆维吾尔自治区和田地区于田县 木尕拉镇履职事项清单",
  "2025年9月",
  "说 明",
  "一、清单内容",
  "基本履职事项清单是本镇必须为的事项。主要包括党的建设、乡村振兴 2 个类别，共有基本履职事项 3 项。",
  "目 录",
  "1.基本履职事项清单.....\t1",
]
  .map((t) => p(t))
  .join("");

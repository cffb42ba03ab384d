/** Opens a Word document's body and its numbering: the start shared by every reader of .docx text and tables. */
import { DocumentError } from "../domain/problem.ts";
import { Numbering } from "./docx-numbering.ts";
import { child, childrenOf, parseXml, tagOf, type XmlNode } from "./docx-xml.ts";
import type { LimitedZip } from "./zip-limits.ts";

/** The w:body's blocks and the numbering that renders list labels; a clear error when either part is missing. */
export async function docxBody(
  zip: LimitedZip,
  file: string,
): Promise<{ body: XmlNode[]; numbering: Numbering }> {
  if (!zip.has("word/document.xml")) {
    throw new DocumentError(file, undefined, "不是 Word 文档（.docx）：压缩包内没有 word/document.xml");
  }
  const numbering = new Numbering(
    zip.has("word/numbering.xml") ? await zip.text("word/numbering.xml") : undefined,
    zip.has("word/styles.xml") ? await zip.text("word/styles.xml") : undefined,
    file,
  );
  const root = parseXml(await zip.text("word/document.xml"), file, "word/document.xml");
  const body = child(
    root.find((n) => tagOf(n) === "w:document"),
    "w:body",
  );
  if (!body) throw new DocumentError(file, undefined, "word/document.xml 中没有正文（w:body）");
  return { body: childrenOf(body), numbering };
}

/**
 * A notice file → its plain text, for `check --file` and the upload on the check page: .txt (UTF-8,
 * UTF-16 or GB18030, via the importer's decoder) or .docx (paragraphs and table cells in order, numbering
 * rendered as Word shows it). Throws DocumentError with the file name for anything else.
 */
import { DocumentError } from "../domain/problem.ts";
import { decodeText } from "../ingest/decode.ts";
import { Numbering } from "../ingest/docx-numbering.ts";
import { blocks, child, childrenOf, paragraphText, parseXml, tableRows, tagOf } from "../ingest/docx-xml.ts";
import { DEFAULT_ZIP_LIMITS, LimitedZip, type ZipLimits } from "../ingest/zip-limits.ts";

/**
 * A notice is a few pages: its document.xml is tens or hundreds of KB (a long one with tables ~1 MB).
 * Half the lists' cap keeps a hostile upload's parse, which runs for every anonymous visitor, near a second.
 */
export const NOTICE_ZIP_LIMITS: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxXmlBytes: 4 * 1024 * 1024 };

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The text of a notice file; the format is taken from the content, the name only names it in messages. */
export async function readNoticeText(bytes: Uint8Array, file: string): Promise<string> {
  if (ZIP.every((b, i) => bytes[i] === b)) return readDocxText(bytes, file);
  if (/\.(docx?|xlsx?|pdf|wps)$/i.test(file) && !/\.docx$/i.test(file)) {
    throw new DocumentError(file, undefined, "只支持 .txt 与 .docx 通知：请另存为 .docx 或文本后再上传");
  }
  return decodeText(bytes, file);
}

async function readDocxText(bytes: Uint8Array, file: string): Promise<string> {
  const zip = await LimitedZip.open(bytes, file, ".docx", NOTICE_ZIP_LIMITS);
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
  const lines: string[] = [];
  for (const block of blocks(childrenOf(body))) {
    if (tagOf(block) === "w:p") lines.push(paragraphText(block, numbering));
    // One line per row (a cell's own line breaks become blanks), so a task table gives one task a row.
    else
      for (const row of tableRows(block, numbering))
        lines.push(row.cells.map((c) => c.replace(/\s*\n\s*/g, " ")).join("\t"));
  }
  return lines.join("\n");
}

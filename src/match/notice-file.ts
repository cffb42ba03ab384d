/**
 * A notice file → its plain text, for `check --file` and the upload on the check page: .txt (UTF-8,
 * UTF-16 or GB18030, via the importer's decoder) or .docx (paragraphs and table cells in order, numbering
 * rendered as Word shows it). Throws DocumentError with the file name for anything else.
 */

import { DocumentError } from "../domain/problem.ts";
import { decodeText } from "../ingest/decode.ts";
import { docxBody } from "../ingest/docx-body.ts";
import { blocks, paragraphText, tableRows, tagOf } from "../ingest/docx-xml.ts";
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
  const { body, numbering } = await docxBody(zip, file);
  const lines: string[] = [];
  for (const block of blocks(body)) {
    if (tagOf(block) === "w:p") lines.push(paragraphText(block, numbering));
    // One line per row (a cell's own line breaks become blanks), so a task table gives one task a row.
    else
      for (const row of tableRows(block, numbering))
        lines.push(row.cells.map((c) => c.replace(/\s*\n\s*/g, " ")).join("\t"));
  }
  return lines.join("\n");
}

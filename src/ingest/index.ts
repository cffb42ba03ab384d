/**
 * Documents in: detects the format from the content (not only the extension), reads it into a RawDocument,
 * and assembles the EditionDraft with its lint problems.
 */
import type { EditionDraft } from "../domain/edition.ts";
import { DocumentError, type Problem } from "../domain/problem.ts";
import { assemble } from "./assemble.ts";
import { checkSize, decodeText } from "./decode.ts";
import type { RawDocument } from "./raw.ts";
import { readText } from "./text.ts";

export { assemble } from "./assemble.ts";
export type { RawDocument } from "./raw.ts";

export interface ReadResult {
  draft: EditionDraft;
  problems: Problem[];
  raw: RawDocument;
}

export type DocumentFormat = "text" | "docx" | "xlsx";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The format of a document, from its first bytes. */
export function detectFormat(bytes: Uint8Array, file: string): DocumentFormat {
  if (startsWith(bytes, OLE)) {
    throw new DocumentError(
      file,
      undefined,
      "文件是加密的或旧版（.doc/.xls）Office 文件：请去掉密码保护，并另存为 .docx 或 .xlsx 后再导入",
    );
  }
  if (startsWith(bytes, ZIP)) {
    throw new DocumentError(file, undefined, "Word/Excel 导入尚未接入：请先导出为文本格式");
  }
  return "text";
}

/** Reads one document of any supported format. Throws DocumentError (file, line, what was expected) on unreadable input. */
export async function readDocument(bytes: Uint8Array, file: string): Promise<ReadResult> {
  checkSize(bytes, file);
  const format = detectFormat(bytes, file);
  const raw = format === "text" ? readText(decodeText(bytes, file), file) : readText("", file);
  const { draft, problems } = assemble(raw);
  return { draft, problems, raw };
}

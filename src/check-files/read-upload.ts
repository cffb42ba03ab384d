/**
 * An uploaded file on the check pages → the text of a notice, or a spreadsheet of tasks (one per row).
 * The type is taken from the content (sniff.ts), never from the name alone: .txt and .docx are read in the
 * worker pool; .pdf through pdftotext; .doc/.wps/.rtf (and .xls/.et sheets) converted with LibreOffice first.
 * Every refusal names the file and what was expected; nothing is stored.
 */
import { DocumentError } from "../domain/problem.ts";
import { Refusal } from "../domain/refusal.ts";
import { workPool } from "../work/pool.ts";
import { convertWithOffice } from "./office.ts";
import { readPdfText } from "./pdf.ts";
import { ACCEPTED_TYPES, sniffUpload } from "./sniff.ts";

export type ReadUpload =
  | { kind: "text"; text: string }
  /** A spreadsheet of tasks (an .xls/.et already converted to .xlsx). */
  | { kind: "sheet"; bytes: Uint8Array; format: "xlsx" | "csv" };

/** A DocumentError ("file: message") as the web's 400 refusal. */
export function invalidFile(error: DocumentError): Refusal {
  return new Refusal("invalid", error.message, { file: error.file });
}

/** Runs `read`, turning the reader's DocumentError into a refusal. */
export async function refusing<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DocumentError) throw invalidFile(error);
    throw error;
  }
}

function legacyExtension(file: string, fallback: string): string {
  const ext = /\.([a-z]{2,4})$/i.exec(file)?.[1]?.toLowerCase();
  return ext && ["doc", "wps", "rtf", "xls", "et", "dot", "wpt"].includes(ext) ? ext : fallback;
}

/** Reads a .txt/.docx notice into text, under the length limit: the worker pool's reader on the web. */
export type NoticeReader = (bytes: Uint8Array, file: string, maxChars: number) => Promise<string>;

const inPool: NoticeReader = (bytes, file, maxChars) => workPool().readNotice(bytes, file, maxChars);

/**
 * Reads an upload; throws Refusal (invalid, too-large, unavailable) naming the file and what was expected.
 * `readNotice` reads .txt/.docx (the CLI reads them inline).
 */
export async function readUpload(
  bytes: Uint8Array,
  file: string,
  maxChars: number,
  readNotice: NoticeReader = inPool,
): Promise<ReadUpload> {
  const kind = await sniffUpload(bytes, file);
  const notice = (text: string): ReadUpload => {
    if (text.length > maxChars) {
      throw new Refusal(
        "too-large",
        `${file}：通知有 ${text.length} 字，超过核验上限 ${maxChars} 字，请只提交通知正文。`,
        {
          limit: maxChars,
        },
      );
    }
    return { kind: "text", text };
  };
  switch (kind) {
    case "docx":
    case "text":
      return { kind: "text", text: await readNotice(bytes, file, maxChars) };
    case "xlsx":
    case "csv":
      return { kind: "sheet", bytes, format: kind };
    case "pdf":
      return notice(await refusing(() => readPdfText(bytes, file)));
    case "legacy-text":
    case "rtf": {
      const docx = await refusing(() =>
        convertWithOffice(bytes, file, legacyExtension(file, kind === "rtf" ? "rtf" : "doc"), "docx"),
      );
      return { kind: "text", text: await readNotice(docx, file, maxChars) };
    }
    case "legacy-sheet": {
      const xlsx = await refusing(() => convertWithOffice(bytes, file, legacyExtension(file, "xls"), "xlsx"));
      return { kind: "sheet", bytes: xlsx, format: "xlsx" };
    }
    case "encrypted":
      throw new Refusal(
        "invalid",
        `${file}：文件受密码保护（已加密），无法读取；请在 Word/WPS/Excel 中取消密码后另存再上传`,
        { file },
      );
    case "other":
      throw new Refusal(
        "invalid",
        `${file}：不是可核验的文件（应为 ${ACCEPTED_TYPES} 之一；图片、压缩包等无法读取）`,
        {
          file,
          expected: ACCEPTED_TYPES,
        },
      );
  }
}

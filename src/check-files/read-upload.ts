/**
 * An uploaded file on the check pages → the text of a notice, or a spreadsheet of tasks (one per row).
 * The type is taken from the content (sniff.ts), never from the name alone: .txt and .docx are read in the
 * worker pool; .pdf through pdftotext; .doc/.wps/.rtf (and .xls/.et sheets) converted with LibreOffice first.
 * Every refusal names the file and what was expected; nothing is stored.
 */
import { DocumentError } from "../domain/problem.ts";
import { Refusal } from "../domain/refusal.ts";
import { looksLikeCfb, looksLikeZip } from "../ingest/zip-limits.ts";
import { workPool } from "../work/pool.ts";
import { checkCompound } from "./compound.ts";
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

/** True when the name says the file is an Excel (or WPS) sheet. */
export function sheetNamed(file: string): boolean {
  return /\.(xlsx|xlsm|xls|et)$/i.test(file);
}

/** The refusal of a file named as a spreadsheet that is not a whole one, saying why and what to do. */
export function notASheet(file: string, why: string): Refusal {
  return new Refusal(
    "invalid",
    `${file}：不是完好的 Excel 表格（${why}）。请在 Excel 或 WPS 表格中打开，另存为 .xlsx 后重新上传；打不开的，请向发来文件的单位重新索取。`,
    { file, expected: ".xlsx、.xls、.csv" },
  );
}

/**
 * Refuses a damaged OLE compound file (.xls/.et/.doc/.wps) before LibreOffice reads it as something else;
 * answers the import filter its streams call for (an Excel 97 or 95 workbook), if any.
 */
function wholeCompound(bytes: Uint8Array, file: string, sheet: boolean): string | undefined {
  if (!looksLikeCfb(bytes)) return undefined; // an .xls in markup (sniff.ts): LibreOffice tells HTML from XML
  const found = checkCompound(bytes);
  if (!found.ok) {
    if (sheet) throw notASheet(file, found.problem);
    throw new Refusal(
      "invalid",
      `${file}：不是完好的 Word 文档（${found.problem}）。请在 Word 或 WPS 中打开，另存为 .docx 后重新上传。`,
      { file, expected: ".docx、.doc、.txt" },
    );
  }
  if (!sheet) return undefined;
  if (found.streams.includes("Workbook")) return "MS Excel 97";
  if (found.streams.includes("Book")) return "MS Excel 95";
  return undefined; // a WPS sheet names its streams its own way: LibreOffice decides
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
    case "text":
      if (sheetNamed(file)) throw notASheet(file, "内容是纯文本，不是表格");
      return { kind: "text", text: await readNotice(bytes, file, maxChars) };
    case "docx":
      return { kind: "text", text: await readNotice(bytes, file, maxChars) };
    case "xlsx":
    case "csv":
      return { kind: "sheet", bytes, format: kind };
    case "pdf":
      return notice(await refusing(() => readPdfText(bytes, file)));
    case "legacy-text":
    case "rtf": {
      wholeCompound(bytes, file, false);
      const docx = await refusing(() =>
        convertWithOffice(bytes, file, legacyExtension(file, kind === "rtf" ? "rtf" : "doc"), "docx"),
      );
      return { kind: "text", text: await readNotice(docx, file, maxChars) };
    }
    case "legacy-sheet": {
      const filter = wholeCompound(bytes, file, true);
      const xlsx = await refusing(() =>
        convertWithOffice(bytes, file, legacyExtension(file, "xls"), "xlsx", filter),
      );
      return { kind: "sheet", bytes: xlsx, format: "xlsx" };
    }
    case "encrypted":
      throw new Refusal(
        "invalid",
        `${file}：文件受密码保护（已加密），无法读取；请在 Word/WPS/Excel 中取消密码后另存再上传`,
        { file },
      );
    case "other":
      if (sheetNamed(file)) {
        throw notASheet(
          file,
          looksLikeZip(bytes) ? "压缩包已损坏或不完整，或其中没有工作簿 xl/workbook.xml" : "内容不是表格",
        );
      }
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

/**
 * A PDF notice → its text layer, with poppler's `pdftotext -layout` (Debian: poppler-utils). A scanned PDF
 * has no text layer: it is refused with a message saying so (no OCR is run: tesseract with the chi_sim data
 * is not part of the deployment).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DocumentError } from "../domain/problem.ts";
import { envMs, inTempDir, MissingTool, runTool } from "./tools.ts";

/** Pages read: a notice is a few pages; a 300-page report is not a notice. */
const MAX_PAGES = 60;
/** Text read from a PDF (UTF-8 bytes); the check's own limit (30 000 characters) is far below. */
const MAX_TEXT_BYTES = 2 * 1024 * 1024;

const MISSING = new MissingTool(
  "pdftotext",
  " PDF 文件",
  "poppler-utils（sudo apt-get install poppler-utils）",
);

const CJK = "\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef";
/** -layout pads runs with spaces to keep columns: between Chinese characters (and digits beside them) they are noise. */
const PADDING = new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}0-9])|(?<=[${CJK}0-9])[ \\t]+(?=[${CJK}])`, "g");

/** Text of a PDF's text layer; DocumentError for a damaged or scanned PDF. */
export async function readPdfText(bytes: Uint8Array, file: string): Promise<string> {
  const output = await inTempDir(async (dir) => {
    const input = join(dir, "in.pdf");
    await writeFile(input, bytes, { mode: 0o600 });
    try {
      const run = await runTool(
        "pdftotext",
        ["-layout", "-enc", "UTF-8", "-q", "-l", String(MAX_PAGES), input, "-"],
        { timeoutMs: envMs("LVZHI_PDF_MS", 10_000), maxOutputBytes: MAX_TEXT_BYTES, missing: MISSING },
      );
      return run.stdout.toString("utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
        throw new DocumentError(
          file,
          undefined,
          `PDF 文字超过 ${MAX_TEXT_BYTES / 1024 / 1024} MB，不是一份通知`,
        );
      }
      if (error instanceof Error && "stderr" in error) {
        throw new DocumentError(
          file,
          undefined,
          "PDF 文件已损坏、不完整或受密码保护，无法读取文字；请用 PDF 阅读器另存后重试，或上传 .docx / .txt",
        );
      }
      throw error;
    }
  });
  const text = output
    .replace(/\f/g, "\n")
    .replace(PADDING, "")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if ((text.match(/[\u3400-\u9fffA-Za-z0-9]/g) ?? []).length < 4) {
    throw new DocumentError(
      file,
      undefined,
      "PDF 中没有文字层（可能是扫描件或图片），无法读取：请上传原始的 .docx / .txt 文件，或将文字粘贴到文本框",
    );
  }
  return text;
}

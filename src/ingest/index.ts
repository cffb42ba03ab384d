/**
 * Documents in: detects the format from the content (not the extension), reads it into a RawDocument,
 * and assembles the EditionDraft with its lint problems. Every format shares the cell rules and the lint.
 */
import type { EditionDraft } from "../domain/edition.ts";
import { DocumentError, type Problem } from "../domain/problem.ts";
import { assemble, type HeadingOverrides } from "./assemble.ts";
import { checkSize, decodeText } from "./decode.ts";
import { looksLikeJson, readEditionJson } from "./json.ts";
import { checkDraftSizes, checkWarnings } from "./limits.ts";
import { lintEdition } from "./lint.ts";
import { readOffice } from "./office.ts";
import type { RawDocument } from "./raw.ts";
import { readText } from "./text.ts";

export { assemble, type HeadingOverrides } from "./assemble.ts";
export type { RawDocument } from "./raw.ts";

export interface ReadResult {
  draft: EditionDraft;
  problems: Problem[];
  raw: RawDocument;
}

/**
 * Refuses a read document that cannot be stored: an item is keyed by list and 序号, so the lint's
 * number-duplicate warning blocks an import (it only warns in `lvzhi lint`).
 */
export function assertImportable(read: ReadResult, file: string): void {
  const duplicate = read.problems.find((p) => p.code === "number-duplicate");
  if (duplicate) {
    throw new DocumentError(file, duplicate.line, `${duplicate.message}，无法导入：每个清单内序号必须唯一`);
  }
}

/**
 * Reads one document of any supported format; `overrides` supply the township, county or date where the
 * file names none. Throws DocumentError (file, line, what was expected) on unreadable input — always a
 * DocumentError: a failure inside a parser on hostile input is wrapped (and marked `unexpected`) so that
 * no caller ever sees a raw parser error.
 */
export async function readDocument(
  bytes: Uint8Array,
  file: string,
  overrides: HeadingOverrides = {},
): Promise<ReadResult> {
  try {
    return await read(bytes, file, overrides);
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new DocumentError(file, undefined, `文件无法读取，格式异常（${reason.slice(0, 200)}）`, {
      unexpected: error,
    });
  }
}

async function read(bytes: Uint8Array, file: string, overrides: HeadingOverrides): Promise<ReadResult> {
  checkSize(bytes, file);
  if (looksLikeJson(bytes)) {
    // lvzhi's own edition JSON carries typed items already: only the lint over the whole edition applies.
    const draft = readEditionJson(bytes, file);
    checkDraftSizes(draft, file);
    const problems = lintEdition(draft, [], new Map());
    checkWarnings(problems, file);
    return { draft, problems, raw: { file, paragraphs: [], tables: [], appendixLines: 0 } };
  }
  const raw = (await readOffice(bytes, file)) ?? readText(decodeText(bytes, file), file);
  const { draft, problems } = assemble(raw, overrides);
  return { draft, problems, raw };
}

/**
 * Documents in: detects the format from the content (not the extension), reads it into a RawDocument,
 * and assembles the EditionDraft with its lint problems. Every format shares the cell rules and the lint.
 */
import type { EditionDraft } from "../domain/edition.ts";
import type { Problem } from "../domain/problem.ts";
import { assemble } from "./assemble.ts";
import { checkSize, decodeText } from "./decode.ts";
import { looksLikeJson, readEditionJson } from "./json.ts";
import { lintEdition } from "./lint.ts";
import { readOffice } from "./office.ts";
import type { RawDocument } from "./raw.ts";
import { readText } from "./text.ts";

export { assemble } from "./assemble.ts";
export type { RawDocument } from "./raw.ts";

export interface ReadResult {
  draft: EditionDraft;
  problems: Problem[];
  raw: RawDocument;
}

/** Reads one document of any supported format. Throws DocumentError (file, line, what was expected) on unreadable input. */
export async function readDocument(bytes: Uint8Array, file: string): Promise<ReadResult> {
  checkSize(bytes, file);
  if (looksLikeJson(bytes)) {
    // lvzhi's own edition JSON carries typed items already: only the lint over the whole edition applies.
    const draft = readEditionJson(bytes, file);
    const problems = lintEdition(draft, [], new Map());
    return { draft, problems, raw: { file, paragraphs: [], tables: [], appendixLines: 0 } };
  }
  const raw = (await readOffice(bytes, file)) ?? readText(decodeText(bytes, file), file);
  const { draft, problems } = assemble(raw);
  return { draft, problems, raw };
}

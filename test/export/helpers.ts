/** Shared by the export tests: the bundled edition, re-import through the readers, and a readable diff. */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import type { EditionDraft } from "../../src/domain/edition.ts";
import type { ExportFormat } from "../../src/export/index.ts";
import { assemble } from "../../src/ingest/assemble.ts";
import { readCsvZip } from "../../src/ingest/csv.ts";
import { readDocx } from "../../src/ingest/docx.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { readEditionJson } from "../../src/ingest/json.ts";
import { readXlsx } from "../../src/ingest/xlsx.ts";

export const SEED = new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url).pathname;

let bundled: EditionDraft | undefined;

/** The bundled Cele edition as the text importer reads it. */
export async function bundledEdition(): Promise<EditionDraft> {
  bundled ??= (await readDocument(readFileSync(SEED), "cele.txt")).draft;
  return structuredClone(bundled);
}

/**
 * Imports exported bytes again through readDocument, which detects the format from the content: the file is
 * named .bin so that nothing can lean on the extension. The reader that detection picked must be the format's.
 */
export async function reimport(bytes: Uint8Array, format: ExportFormat): Promise<EditionDraft> {
  const { draft } = await readDocument(bytes, "export.bin");
  if (format !== "json") {
    const read = format === "docx" ? readDocx : format === "xlsx" ? readXlsx : readCsvZip;
    const direct = assemble(await read(bytes, "export.bin")).draft;
    if (!isDeepStrictEqual(direct, draft))
      throw new Error(`readDocument did not read ${format} as ${format}`);
  } else if (!isDeepStrictEqual(readEditionJson(bytes, "export.bin"), draft)) {
    throw new Error("readDocument did not read json as json");
  }
  return draft;
}

/** Paths where two values differ (first few), for assertion messages that point at the field. */
export function differences(a: unknown, b: unknown, path = "", out: string[] = []): string[] {
  if (out.length >= 5 || isDeepStrictEqual(a, b)) return out;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    out.push(
      `${path || "(root)"}: ${JSON.stringify(a)?.slice(0, 160)} ≠ ${JSON.stringify(b)?.slice(0, 160)}`,
    );
    return out;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys)
    differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  return out;
}

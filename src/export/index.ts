/**
 * Editions out: one entry for every format, with the file extension and media type the CLI and the web
 * downloads need. Writers are pure functions of an EditionDraft.
 */
import type { EditionDraft, ListKind } from "../domain/edition.ts";
import { writeCsv, writeCsvList } from "./csv.ts";
import { writeDocx } from "./docx.ts";
import { writeJson } from "./json.ts";
import { writeXlsx } from "./xlsx.ts";

export { csvFileName, escapeFormula, writeCsv, writeCsvList } from "./csv.ts";
export { writeDocx } from "./docx.ts";
export { EDITION_SCHEMA_PATH, EDITION_SCHEMA_URL_PATH, loadEditionJsonSchema } from "./edition-schema.ts";
export { editionDocument, writeJson } from "./json.ts";
export { writeXlsx } from "./xlsx.ts";

export const EXPORT_FORMATS = ["xlsx", "docx", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File extension and media type of each format (csv: a zip of CSV files, or one CSV with a list). */
export const EXPORT_TYPES: Record<ExportFormat, { extension: string; mediaType: string }> = {
  xlsx: {
    extension: ".xlsx",
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  docx: {
    extension: ".docx",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  csv: { extension: ".zip", mediaType: "application/zip" },
  json: { extension: ".json", mediaType: "application/json; charset=utf-8" },
};

/** Media type of a single-list CSV. */
export const CSV_MEDIA_TYPE = "text/csv; charset=utf-8";

/** A download name such as "策勒县策勒乡履职事项清单-2025-07.xlsx". */
export function exportFileName(draft: EditionDraft, format: ExportFormat, list?: ListKind): string {
  const base = `${draft.county}${draft.township}履职事项清单${draft.date ? `-${draft.date}` : ""}`;
  if (format === "csv" && list) return `${base}-${list}.csv`;
  return `${base}${format === "csv" ? "-csv" : ""}${EXPORT_TYPES[format].extension}`;
}

/** Writes an edition in one format; with `list`, csv gives that list alone as one CSV file. */
export async function exportEdition(
  draft: EditionDraft,
  format: ExportFormat,
  list?: ListKind,
): Promise<Buffer> {
  switch (format) {
    case "xlsx":
      return writeXlsx(draft);
    case "docx":
      return writeDocx(draft);
    case "csv":
      return list ? writeCsvList(draft, list) : writeCsv(draft);
    case "json":
      return writeJson(draft);
  }
}

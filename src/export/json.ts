/** EditionDraft → JSON: the whole edition in the documented exchange format (schema/edition.schema.json). */
import { type EditionDraft, summarize } from "../domain/edition.ts";
import { EDITION_FORMAT, EDITION_FORMAT_VERSION, EDITION_SCHEMA_URL_PATH } from "./edition-schema.ts";

/** The JSON document for an edition, as a value. */
export function editionDocument(draft: EditionDraft) {
  return {
    $schema: EDITION_SCHEMA_URL_PATH,
    format: EDITION_FORMAT,
    version: EDITION_FORMAT_VERSION,
    summary: summarize(draft.items),
    edition: draft,
  };
}

/** Writes the edition as UTF-8 JSON (pretty-printed, so that diffs between editions read well). */
export function writeJson(draft: EditionDraft): Buffer {
  return Buffer.from(`${JSON.stringify(editionDocument(draft), null, 2)}\n`, "utf8");
}

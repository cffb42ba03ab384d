/**
 * lvzhi's edition JSON → EditionDraft, checked against the same schema that is published, so that a
 * hand-edited or foreign file is refused with the path of the first wrong field.
 */
import type { EditionDraft } from "../domain/edition.ts";
import { DocumentError } from "../domain/problem.ts";
import { EDITION_FORMAT, editionDocumentSchema } from "../export/edition-schema.ts";
import { decodeText } from "./decode.ts";

/** True when the bytes look like a JSON object (after an optional BOM and whitespace). */
export function looksLikeJson(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 64))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  return head.startsWith("{");
}

/** Reads an edition JSON document; throws DocumentError naming the first field that does not fit. */
export function readEditionJson(bytes: Uint8Array, file: string): EditionDraft {
  let value: unknown;
  try {
    value = JSON.parse(decodeText(bytes, file));
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError(
      file,
      undefined,
      `不是有效的 JSON（${error instanceof Error ? error.message : String(error)}）`,
    );
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== EDITION_FORMAT) {
    throw new DocumentError(file, undefined, `不是 lvzhi 清单 JSON：应有 "format": "${EDITION_FORMAT}"`);
  }
  const parsed = editionDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
    throw new DocumentError(file, undefined, `JSON 字段 ${path || "(根)"} 不符合清单格式：${issue.message}`);
  }
  return parsed.data.edition;
}

/** @jsxImportSource hono/jsx */
/**
 * Whole-edition downloads in the formats offices use — GET /t/:township/export/:format (xlsx, docx, csv zip,
 * json; ?edition= for another edition) — and the published JSON Schema of the edition format.
 * Unpublished editions are refused where the edition is loaded (../respond.tsx loadEdition).
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  EDITION_SCHEMA_PATH,
  EDITION_SCHEMA_URL_PATH,
  EXPORT_FORMATS,
  EXPORT_TYPES,
  type ExportFormat,
  exportEdition,
  exportFileName,
} from "../../export/index.ts";
import type { RouteModule } from "../app.ts";
import { attachmentDisposition } from "../disposition.ts";
import { choice, editionDate, parseParams, parseQuery } from "../input.ts";
import { loadEdition } from "../respond.tsx";

const ExportParams = z.object({
  township: z.string().max(120, { message: "乡镇名过长" }),
  format: choice(EXPORT_FORMATS as readonly ExportFormat[] as [ExportFormat, ...ExportFormat[]]),
});
const ExportQuery = z.object({ edition: editionDate.optional() });

export const exportRoutes: RouteModule = (app, web) => {
  let schema: string | undefined;
  app.get(EDITION_SCHEMA_URL_PATH, (c) => {
    schema ??= readFileSync(EDITION_SCHEMA_PATH, "utf8");
    return c.body(schema, 200, { "content-type": "application/schema+json; charset=utf-8" });
  });

  app.get("/t/:township/export/:format", async (c) => {
    const { township, format } = parseParams(c, ExportParams);
    const { edition } = await loadEdition(c, web, township, parseQuery(c, ExportQuery).edition ?? null);
    const bytes = await exportEdition(edition.draft, format);
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": EXPORT_TYPES[format].mediaType,
      "content-disposition": attachmentDisposition(exportFileName(edition.draft, format)),
      "cache-control": "no-store",
    });
  });
};

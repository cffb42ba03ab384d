/**
 * The JSON exchange format of an edition: one zod schema that validates imported JSON and from which the
 * published JSON Schema (schema/edition.schema.json, served at /api/v1/schema/edition.json) is generated.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { EditionDraft } from "../domain/edition.ts";

/** Identifies lvzhi's edition JSON; bumped only on incompatible changes. */
export const EDITION_FORMAT = "lvzhi-edition";
export const EDITION_FORMAT_VERSION = 1;

/** Where the committed JSON Schema lives (for the web route that publishes it). */
export const EDITION_SCHEMA_PATH = fileURLToPath(
  new URL("../../schema/edition.schema.json", import.meta.url),
);

/** Public URL path of the schema. */
export const EDITION_SCHEMA_URL_PATH = "/api/v1/schema/edition.json";

const text = z.string();
const steps = z.array(text).describe("Plain-text steps in order, without their leading numbers");

const dutyBlock = z
  .object({
    department: z
      .string()
      .nullable()
      .describe("Canonical department name, or null when the cell does not say"),
    group: z.string().optional().describe("An unnamed group that owns the block instead of a department"),
    heading: z.string().nullable().describe("A heading such as 一、…, or null"),
    steps,
  })
  .strict();

const itemBase = {
  number: z.number().int().positive().describe("序号 inside its list"),
  category: text.describe("事项类别"),
  name: text.describe("事项名称"),
  local: z.boolean().describe("备注 = 个性: particular to this township"),
  remark: z.string().nullable().describe("备注 as printed"),
};

const basicItem = z.object({ list: z.literal("basic"), ...itemBase }).strict();

const cooperativeItem = z
  .object({
    list: z.literal("cooperative"),
    ...itemBase,
    leadDepartments: z
      .array(text)
      .describe("对应上级部门: canonical names of the county departments that lead"),
    otherLeads: z.array(text).describe("Unnamed groups printed beside the departments"),
    departmentDuties: z.array(dutyBlock).describe("上级部门职责"),
    townshipDuties: z.array(dutyBlock).describe("乡镇（街道）配合职责"),
  })
  .strict();

const reclaimedItem = z
  .object({
    list: z.literal("reclaimed"),
    ...itemBase,
    takeover: z
      .object({
        departments: z.array(text).describe("承接部门 (canonical names); empty when nobody took it over"),
        none: z.boolean().describe("The document says explicitly 承接部门：无"),
        workMethod: steps.describe("工作方式 steps"),
        workStandard: steps.describe("工作标准 steps"),
      })
      .strict()
      .describe("承接部门及工作方式"),
  })
  .strict();

const statedTotals = z
  .object({
    items: z.number().int().nonnegative().nullable(),
    categories: z.number().int().nonnegative().nullable(),
    departments: z.number().int().nonnegative().nullable(),
    categoryNames: z.array(text),
  })
  .strict()
  .describe("Totals as the preface states them (null where it is silent)");

const listSummary = z
  .object({
    items: z.number().int().nonnegative(),
    categories: z.number().int().nonnegative(),
    departments: z.number().int().nonnegative(),
  })
  .strict();

/** An EditionDraft. */
export const editionDraftSchema = z
  .object({
    township: z.string().min(1).describe("e.g. 策勒乡"),
    county: z.string().describe("e.g. 策勒县"),
    region: z.string().describe("Levels above the county, e.g. 新疆维吾尔自治区和田地区"),
    date: z
      .string()
      .regex(/^(\d{4}-\d{2}(-\d{2})?)?$/)
      .describe("Publication date, YYYY-MM or YYYY-MM-DD (empty when unknown)"),
    title: text.describe("Document title as printed"),
    preface: z.array(text).describe("Preface (说明) paragraphs"),
    stated: z.object({ basic: statedTotals, cooperative: statedTotals, reclaimed: statedTotals }).strict(),
    items: z.array(z.discriminatedUnion("list", [basicItem, cooperativeItem, reclaimedItem])),
  })
  .strict();

// Compile-time proof that the schema and the domain type describe exactly the same shape: a field added
// to EditionDraft (or to the schema) alone fails type checking here.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesDraft: Same<z.infer<typeof editionDraftSchema>, EditionDraft> = true;
void schemaMatchesDraft;

/** The exported JSON document: the edition plus totals computed from its items (informative). */
export const editionDocumentSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(EDITION_FORMAT),
    version: z.literal(EDITION_FORMAT_VERSION),
    summary: z
      .object({ basic: listSummary, cooperative: listSummary, reclaimed: listSummary })
      .strict()
      .describe("Totals computed from the items (ignored on import)"),
    edition: editionDraftSchema,
  })
  .strict()
  .describe("A township's duty-item lists (乡镇履职事项清单) as exported by lvzhi");

/** The JSON Schema generated from the zod schema (what schema/edition.schema.json must contain). */
export function generateEditionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(editionDocumentSchema, { target: "draft-2020-12", io: "input" }),
    title: "lvzhi edition",
  };
}

let cached: string | undefined;

/** The committed JSON Schema as text, read once (for serving at EDITION_SCHEMA_URL_PATH). */
export function loadEditionJsonSchema(): string {
  cached ??= readFileSync(EDITION_SCHEMA_PATH, "utf8");
  return cached;
}

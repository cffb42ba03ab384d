/**
 * `lvzhi import FILE [--db PATH] [--json] [--replace] [--publish | --unpublish] [--township T --county C]
 * [--date D]`: reads a document and stores it as one edition, in one transaction.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { z } from "zod";
import { summarize } from "../../domain/edition.ts";
import { DocumentError } from "../../domain/problem.ts";
import { REFUSAL_EXIT } from "../../domain/refusal.ts";
import { assertImportable, type HeadingOverrides, readDocument } from "../../ingest/index.ts";
import { EditionExistsError, openStore } from "../../store/index.ts";
import { cliActor } from "../../workflow/actor.ts";
import { importEdition } from "../../workflow/imports.ts";
import { type Command, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions, storeLocation } from "../options.ts";
import { formatProblems, importSummary } from "../report.ts";

/** A place name as typed: trimmed, NFKC-folded, at most 50 characters. */
const placeName = (flag: string) =>
  z
    .string()
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().min(1, `${flag} 不能为空`).max(50, `${flag} 最多 50 个字`));

const Overrides = z
  .object({
    township: placeName("--township").optional(),
    county: placeName("--county").optional(),
    region: placeName("--region").optional(),
    date: z
      .string()
      .regex(
        /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/,
        "--date 应为 YYYY-MM 或 YYYY-MM-DD，如 2025-07",
      )
      .optional(),
  })
  .refine((o) => !o.township === !o.county, "--township 与 --county 需一起给出");

function overridesOf(values: Record<string, unknown>): HeadingOverrides {
  const parsed = Overrides.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("；"));
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
}

export const importCommand: Command = {
  name: "import",
  summary: "导入一个乡镇的履职事项清单（文本、Word、Excel），存为一个版本",
  usage:
    "lvzhi import FILE [--db PATH] [--json] [--replace] [--publish | --unpublish] [--township 乡镇 --county 县] [--region 地区] [--date YYYY-MM]\n" +
    "  --replace    覆盖同一乡镇同一日期的已有版本（保留其状态：已发布的仍为已发布）\n" +
    "  --publish    直接发布（默认作为草稿导入，经审核后用 lvzhi publish 发布）\n" +
    "  --unpublish  与 --replace 一起：覆盖后改为草稿\n" +
    "  --township、--county、--region、--date  文件中没有写明乡镇、县或日期时由此指定（与文件不同时以此为准并提示）",
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...DB_OPTIONS,
      json: { type: "boolean" },
      replace: { type: "boolean" },
      publish: { type: "boolean" },
      unpublish: { type: "boolean" },
      township: { type: "string" },
      county: { type: "string" },
      region: { type: "string" },
      date: { type: "string" },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError("需要且只需要一个文件");
    if (values.publish && values.unpublish) throw new UsageError("--publish 与 --unpublish 只能选一个");
    const overrides = overridesOf({
      township: values.township,
      county: values.county,
      region: values.region,
      date: values.date,
    });
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      io.err(`${file}: 无法读取文件（${(error as NodeJS.ErrnoException).code ?? String(error)}）\n`);
      return 1;
    }
    let read: Awaited<ReturnType<typeof readDocument>>;
    try {
      read = await readDocument(bytes, basename(file), overrides);
      assertImportable(read, basename(file));
    } catch (error) {
      if (error instanceof DocumentError) {
        io.err(`${error.message}\n未导入任何内容。\n`);
        return 1;
      }
      throw error;
    }
    const { draft, problems, raw } = read;
    const store = await openStore(storeLocation(values));
    try {
      const started = performance.now();
      // Through the workflow: the import is audited, and arrives as a draft unless --publish; a replace
      // keeps the replaced edition's status unless --publish or --unpublish says otherwise.
      const editionId = await importEdition(store, draft, cliActor(), {
        status: values.publish ? "published" : "draft",
        keepStatus: !values.publish && !values.unpublish,
        replace: values.replace ?? false,
        sourceFile: basename(file),
        warnings: problems,
      });
      const ms = performance.now() - started;
      if (values.json)
        io.out(`${JSON.stringify({ ...importSummary(draft, problems, raw), editionId }, null, 2)}\n`);
      else {
        const s = summarize(draft.items);
        io.out(
          `已导入 ${draft.township}（${draft.county}）${draft.date} 版：基本 ${s.basic.items} 项 / ${s.basic.categories} 类，` +
            `配合 ${s.cooperative.items} 项 / ${s.cooperative.categories} 类 / ${s.cooperative.departments} 个部门，` +
            `收回 ${s.reclaimed.items} 项 / ${s.reclaimed.categories} 类 / ${s.reclaimed.departments} 个部门（${ms.toFixed(0)} ms）\n`,
        );
        io.out(formatProblems(file, problems));
      }
      return 0;
    } catch (error) {
      if (error instanceof EditionExistsError) {
        io.err(`${file}: ${error.message}\n未导入任何内容。\n`);
        return REFUSAL_EXIT[error.code];
      }
      throw error;
    } finally {
      await store.close();
    }
  },
};

/** `lvzhi import FILE [--db PATH] [--json] [--replace]`: reads a document and stores it as one edition, in one transaction. */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { summarize } from "../../domain/edition.ts";
import { DocumentError } from "../../domain/problem.ts";
import { REFUSAL_EXIT } from "../../domain/refusal.ts";
import { readDocument } from "../../ingest/index.ts";
import { EditionExistsError, openStore } from "../../store/index.ts";
import { cliActor } from "../../workflow/actor.ts";
import { importEdition } from "../../workflow/imports.ts";
import { type Command, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions, storeLocation } from "../options.ts";
import { formatProblems, importSummary } from "../report.ts";

export const importCommand: Command = {
  name: "import",
  summary: "导入一个乡镇的履职事项清单（文本、Word、Excel），存为一个版本",
  usage:
    "lvzhi import FILE [--db PATH] [--json] [--replace] [--publish]\n  --replace  覆盖同一乡镇同一日期的已有版本\n  --publish  直接发布（默认作为草稿导入，经审核后用 lvzhi publish 发布）",
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...DB_OPTIONS,
      json: { type: "boolean" },
      replace: { type: "boolean" },
      publish: { type: "boolean" },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError("需要且只需要一个文件");
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      io.err(`${file}: 无法读取文件（${(error as NodeJS.ErrnoException).code ?? String(error)}）\n`);
      return 1;
    }
    let read: Awaited<ReturnType<typeof readDocument>>;
    try {
      read = await readDocument(bytes, basename(file));
    } catch (error) {
      if (error instanceof DocumentError) {
        io.err(`${error.message}\n未导入任何内容。\n`);
        return 1;
      }
      throw error;
    }
    const { draft, problems, raw } = read;
    // An item is keyed by list and 序号: a duplicate cannot be stored, so here the lint warning blocks.
    const duplicate = problems.find((p) => p.code === "number-duplicate");
    if (duplicate) {
      io.err(
        `${file}${duplicate.line ? `:${duplicate.line}` : ""}: ${duplicate.message}，无法导入：每个清单内序号必须唯一\n未导入任何内容。\n`,
      );
      return 1;
    }
    const store = await openStore(storeLocation(values));
    try {
      const started = performance.now();
      // Through the workflow: the import is audited, and arrives as a draft unless --publish.
      const editionId = await importEdition(store, draft, cliActor(), {
        status: values.publish ? "published" : "draft",
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

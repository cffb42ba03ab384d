/**
 * `lvzhi export --township NAME [--edition DATE] --format xlsx|docx|csv|json --out PATH [--list LIST] [--db PATH]`:
 * writes a stored edition in the official layout (or the JSON exchange format).
 */

import { rename, rm, writeFile } from "node:fs/promises";
import { LIST_KINDS, type ListKind, summarize } from "../../domain/edition.ts";
import { REFUSAL_EXIT } from "../../domain/refusal.ts";
import { EXPORT_FORMATS, type ExportFormat, exportEdition } from "../../export/index.ts";
import { AmbiguousTownshipError, openStore } from "../../store/index.ts";
import { type Command, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions, storeLocation } from "../options.ts";

/** The format named by --format, else by the extension of --out. */
function formatOf(format: string | undefined, out: string): ExportFormat {
  const named =
    format ?? /\.(xlsx|docx|json|csv)$/i.exec(out)?.[1]?.toLowerCase() ?? (/\.zip$/i.test(out) ? "csv" : "");
  if (!(EXPORT_FORMATS as readonly string[]).includes(named)) {
    throw new UsageError(`--format 应为 ${EXPORT_FORMATS.join("|")}${format ? `，实为“${format}”` : ""}`);
  }
  return named as ExportFormat;
}

export const exportCommand: Command = {
  name: "export",
  summary: "导出一个乡镇的履职事项清单（Excel、Word、CSV、JSON）",
  usage:
    "lvzhi export --township NAME [--edition DATE] --format xlsx|docx|csv|json --out PATH [--list LIST] [--db PATH]\n" +
    "  --township  乡镇名（重名时写“县名/乡镇名”）\n" +
    "  --edition   版本日期，如 2025-07；默认为当前版本（最新发布的版本）\n" +
    "  --format    xlsx：三张工作表；docx：正式版式（A4 横向）；csv：三个 CSV 的压缩包；json：完整数据\n" +
    "  --list      与 csv 同用：只导出一个清单（basic|cooperative|reclaimed）为单个 CSV 文件",
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...DB_OPTIONS,
      township: { type: "string" },
      edition: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      list: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(" ")}`);
    if (!values.township) throw new UsageError("需要 --township");
    if (!values.out) throw new UsageError("需要 --out");
    const format = formatOf(values.format, values.out);
    if (format === "csv" && values.list === undefined && /\.csv$/i.test(values.out)) {
      throw new UsageError(
        "CSV 导出是三个清单的 zip 压缩包：--out 请用 .zip 结尾，或加 --list 只导出一个清单",
      );
    }
    let list: ListKind | undefined;
    if (values.list !== undefined) {
      if (format !== "csv") throw new UsageError("--list 只能与 --format csv 同用");
      if (!(LIST_KINDS as readonly string[]).includes(values.list)) {
        throw new UsageError(`--list 应为 ${LIST_KINDS.join("|")}，实为“${values.list}”`);
      }
      list = values.list as ListKind;
    }

    const store = await openStore(storeLocation(values));
    let stored: Awaited<ReturnType<typeof store.getEdition>>;
    try {
      stored = await store.getEdition(values.township, values.edition);
    } catch (error) {
      if (error instanceof AmbiguousTownshipError) {
        io.err(`${error.message}\n`);
        return REFUSAL_EXIT[error.code];
      }
      throw error;
    } finally {
      await store.close();
    }
    if (!stored) {
      io.err(
        `找不到 ${values.township}${values.edition ? ` ${values.edition} 版` : ""}的清单；请先用 lvzhi import 导入\n`,
      );
      return 1;
    }

    const started = performance.now();
    const bytes = await exportEdition(stored.draft, format, list);
    const ms = performance.now() - started;
    // Written beside the target and renamed, so a failed export never leaves half a file at --out.
    const partial = `${values.out}.partial-${process.pid}`;
    try {
      await writeFile(partial, bytes);
      await rename(partial, values.out);
    } catch (error) {
      await rm(partial, { force: true });
      io.err(`${values.out}: 无法写入（${(error as NodeJS.ErrnoException).code ?? String(error)}）\n`);
      return 1;
    }
    const s = summarize(stored.draft.items);
    io.out(
      `已导出 ${stored.draft.township} ${stored.draft.date} 版（基本 ${s.basic.items}、配合 ${s.cooperative.items}、` +
        `收回 ${s.reclaimed.items} 项）为 ${format}${list ? `（${list}）` : ""}：${values.out}，${bytes.length} 字节，${ms.toFixed(0)} ms\n`,
    );
    return 0;
  },
};

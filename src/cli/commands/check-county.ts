/**
 * `lvzhi check … --county 县名`: the task check against every township of a county at once — one task
 * or a whole notice (--file), each task answered per township, since their lists differ.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { checkCounty } from "../../county/check.ts";
import { LIST_LABELS } from "../../domain/edition.ts";
import { DocumentError } from "../../domain/problem.ts";
import { VERDICT_LABELS } from "../../domain/verdict.ts";
import { readNoticeText } from "../../match/notice-file.ts";
import { openStore } from "../../store/index.ts";
import type { CommandIO } from "../command.ts";

export interface CountyCheckRequest {
  location: { path?: string; databaseUrl?: string };
  county: string;
  /** The task text, or undefined when `file` is given. */
  text?: string;
  file?: string;
  json: boolean;
}

/** Runs the county-wide check and prints it; returns the exit code. */
export async function runCountyCheck(request: CountyCheckRequest, io: CommandIO): Promise<number> {
  let text = request.text ?? "";
  if (request.file !== undefined) {
    try {
      text = await readNoticeText(await readFile(request.file), basename(request.file));
    } catch (error) {
      if (error instanceof DocumentError) io.err(`${error.message}\n`);
      else io.err(`${request.file}: 无法读取（${(error as NodeJS.ErrnoException).code ?? String(error)}）\n`);
      return 1;
    }
  }
  const store = await openStore(request.location);
  try {
    const result = await checkCounty(store, request.county, text);
    if (result.townships.length === 0) {
      io.err(`数据库中没有"${request.county}"的乡镇清单：请先用 lvzhi import 导入\n`);
      return 1;
    }
    if (request.json) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const lines: string[] = [];
    for (const t of result.townships) {
      lines.push(`${t.township}（${t.date} 版）${t.notice ? `：${t.notice}` : ""}`);
      for (const task of t.tasks) {
        const item = task.item
          ? `　${LIST_LABELS[task.item.list]}第${task.item.number}项 ${task.item.name}`
          : "";
        const head = t.tasks.length > 1 ? `  · ${task.text.slice(0, 40)}：` : "  ";
        const review = task.needs_review ? "，待人工确认" : "";
        lines.push(`${head}${VERDICT_LABELS[task.verdict]}（${task.confidence.toFixed(2)}${review}）${item}`);
      }
    }
    io.out(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

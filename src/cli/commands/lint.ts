/** `lvzhi lint FILE [--json]`: reads a document and reports its problems without storing anything. */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { summarize } from "../../domain/edition.ts";
import { DocumentError } from "../../domain/problem.ts";
import { readDocument } from "../../ingest/index.ts";
import { type Command, UsageError } from "../command.ts";
import { parseOptions } from "../options.ts";
import { formatProblems, importSummary } from "../report.ts";

export const lintCommand: Command = {
  name: "lint",
  summary: "检查清单文件：说明中的合计与解析结果、序号、重复步骤号、夹杂英文、空单元格、部门写法",
  usage: "lvzhi lint FILE [--json]",
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { json: { type: "boolean" } });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError("需要且只需要一个文件");
    try {
      const bytes = await readFile(file);
      const { draft, problems, raw } = await readDocument(bytes, basename(file));
      if (values.json) io.out(`${JSON.stringify(importSummary(draft, problems, raw), null, 2)}\n`);
      else {
        const s = summarize(draft.items);
        io.out(
          `${draft.township}（${draft.county}，${draft.date}）：基本 ${s.basic.items} 项，配合 ${s.cooperative.items} 项，收回 ${s.reclaimed.items} 项\n`,
        );
        io.out(formatProblems(file, problems));
      }
      return 0;
    } catch (error) {
      if (error instanceof DocumentError) {
        io.err(`${error.message}\n`);
        return 1;
      }
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        io.err(`${file}: 文件不存在\n`);
        return 1;
      }
      throw error;
    }
  },
};

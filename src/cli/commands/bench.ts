/** `lvzhi bench check [--cases FILE] [--json]`: the task-check benchmark (see bench/check.ts). */
import { readFile } from "node:fs/promises";
import { allLabelledCases, casesOf } from "../../../bench/cases.ts";
import { P99_BUDGET_MS, runCheckBench } from "../../../bench/check.ts";
import type { DevCase } from "../../../bench/metrics.ts";
import { runScaleCommand, SCALE_USAGE } from "../../bench/scale-cli.ts";
import { runServeCommand, SERVE_USAGE } from "../../bench/serve-cli.ts";
import { type Command, UsageError } from "../command.ts";
import { parseOptions } from "../options.ts";
import { bundledEdition } from "./check-edition.ts";

export const benchCommand: Command = {
  name: "bench",
  summary: "基准测试：任务核验在开发用例上的准确率与耗时，并与两个基线对比",
  usage:
    "lvzhi bench check [--cases CASES.jsonl] [--json]\n  默认用例：test/data 下全部标注数据（dev-cases、dev-cases-2、dev-notices 的任务）；清单：随附的策勒乡清单\n" +
    `${SCALE_USAGE}\n${SERVE_USAGE}`,
  async run(argv, io) {
    if (argv[0] === "scale") return runScaleCommand(argv.slice(1), io);
    if (argv[0] === "serve") return runServeCommand(argv.slice(1), io);
    const { values, positionals } = parseOptions(argv, {
      cases: { type: "string" },
      json: { type: "boolean" },
    });
    if (positionals[0] !== "check" || positionals.length > 1)
      throw new UsageError("应为 bench check、bench scale 或 bench serve");
    const file = values.cases;
    let cases: DevCase[];
    if (!file) cases = allLabelledCases();
    else {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        io.err(`${file}: 无法读取（${(error as NodeJS.ErrnoException).code ?? String(error)}）\n`);
        return 1;
      }
      try {
        cases = casesOf(text);
      } catch (error) {
        io.err(
          `${file}: 用例文件不是每行一个 JSON 对象（${error instanceof Error ? error.message : String(error)}）\n`,
        );
        return 1;
      }
    }
    const { draft } = await bundledEdition();
    const lines: string[] = [];
    const report = runCheckBench(draft, cases, (line) => lines.push(line));
    io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${lines.join("\n")}\n`);
    // The latency budget is asserted here, not in unit tests: each case at its quietest of several runs.
    if (report.engine.latency.p99 > P99_BUDGET_MS) {
      io.err(`核验耗时 p99 ${report.engine.latency.p99.toFixed(2)} ms，超过 ${P99_BUDGET_MS} ms 的预算\n`);
      return 1;
    }
    return 0;
  },
};

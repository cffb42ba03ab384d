/** `lvzhi bench serve [--connections 50] [--duration 10] [--workers N] [--json]` (see ./serve.ts). */
import { availableParallelism } from "node:os";
import type { CommandIO } from "../cli/command.ts";
import { UsageError } from "../cli/command.ts";
import { parseOptions } from "../cli/options.ts";
import { runServeBench, serveReport } from "./serve.ts";

export const SERVE_USAGE =
  "lvzhi bench serve [--connections 50] [--duration 10] [--workers N] [--json]\n" +
  "  启动 lvzhi serve 与同字节的裸 node 服务器，用 autocannon 测乡镇页、配合清单页与任务核验 API";

function positive(value: string | undefined, fallback: number, what: string, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new UsageError(`${what} 应为 1–${max} 的整数：${value}`);
  return Number(value);
}

/** Runs `lvzhi bench serve`; returns the exit code (1 when lvzhi answered any request with an error). */
export async function runServeCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    connections: { type: "string" },
    duration: { type: "string" },
    workers: { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(" ")}`);
  const options = {
    connections: positive(values.connections, 50, "--connections", 10_000),
    duration: positive(values.duration, 10, "--duration", 3600),
    workers: positive(values.workers, availableParallelism(), "--workers", 256),
    log: (line: string) => io.err(`${line}\n`),
  };
  const rows = await runServeBench(options);
  io.out(values.json ? `${JSON.stringify(rows, null, 2)}\n` : `${serveReport(rows, options).join("\n")}\n`);
  return rows.some((r) => r.lvzhi.errors > 0) ? 1 : 0;
}

/**
 * `lvzhi bench scale --townships N`: runs the scale bench on SQLite and, when a PostgreSQL URL is given
 * (--database-url, or $LVZHI_BENCH_PG_URL, or $DATABASE_URL), on PostgreSQL too, in one run; each in a
 * database of its own that is dropped afterwards.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { CommandIO } from "../cli/command.ts";
import { UsageError } from "../cli/command.ts";
import { parseOptions } from "../cli/options.ts";
import { readDocument } from "../ingest/index.ts";
import { type BenchBackend, postgresSize, runScale, type ScaleResult } from "./scale.ts";
import { scaleReport } from "./scale-report.ts";

const BUNDLED = fileURLToPath(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));
const CASES = fileURLToPath(new URL("../../test/data/dev-cases.jsonl", import.meta.url));

export const SCALE_USAGE =
  "lvzhi bench scale --townships N [--per-county 15] [--database-url URL] [--sqlite-only] [--json]\n" +
  "  在 SQLite 和 PostgreSQL（--database-url、$LVZHI_BENCH_PG_URL 或 $DATABASE_URL）上各测一遍";

function positive(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${what} 应为正整数：${value}`);
  return Number(value);
}

function sqliteBackend(): BenchBackend {
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-scale-"));
  const path = join(dir, "scale.db");
  const bytes = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return {
    name: "sqlite",
    location: { path },
    size: async (store) => {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
      return bytes(path) + bytes(`${path}-wal`);
    },
    cleanup: async (store) => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(url: string): BenchBackend {
  const schema = `bench_scale_${process.pid}`;
  return {
    name: "postgres",
    location: { databaseUrl: `${url}${url.includes("?") ? "&" : "?"}schema=${schema}` },
    size: (store) => postgresSize(store, schema),
    cleanup: async (store) => {
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      } finally {
        await store.close();
      }
    },
  };
}

function taskTexts(): string[] {
  try {
    return readFileSync(CASES, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text);
  } catch {
    return ["请各乡镇做好烟花爆竹安全监管工作", "开展辖区自建房安全隐患排查，建立台账报县住建局"];
  }
}

/** Runs `lvzhi bench scale`; returns the exit code. */
export async function runScaleCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    townships: { type: "string" },
    "per-county": { type: "string" },
    "database-url": { type: "string" },
    "sqlite-only": { type: "boolean" },
    checks: { type: "string" },
    requests: { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length > 1) throw new UsageError(`多余的参数：${positionals.slice(1).join(" ")}`);
  if (values.townships === undefined) throw new UsageError("需要 --townships N");
  const townships = positive(values.townships, 15, "--townships");
  const url = values["sqlite-only"]
    ? undefined
    : values["database-url"] || process.env.LVZHI_BENCH_PG_URL || process.env.DATABASE_URL || undefined;
  const backends = [sqliteBackend(), ...(url ? [postgresBackend(url)] : [])];
  const log = (line: string) => io.err(`${line}\n`);
  if (!url) log("未给出 PostgreSQL 地址（--database-url 或 $LVZHI_BENCH_PG_URL）：只测 SQLite");

  const { draft } = await readDocument(readFileSync(BUNDLED), BUNDLED);
  const options = {
    townships,
    perCounty: positive(values["per-county"], 15, "--per-county"),
    seed: positive(values.seed, 1, "--seed"),
    checks: positive(values.checks, 300, "--checks"),
    requests: positive(values.requests, 50, "--requests"),
    tasks: taskTexts(),
    log,
  };
  const results: ScaleResult[] = [];
  for (const backend of backends) results.push(await runScale(backend, draft, options));
  io.out(values.json ? `${JSON.stringify(results, null, 2)}\n` : `${scaleReport(results).join("\n")}\n`);
  return 0;
}

/**
 * `npm run fuzz -- [--seconds N] [--count N] [--seed S] [--only I] [--save DIR]`: mutated text, .docx,
 * .xlsx, CSV-zip and JSON documents through the importer into a SQLite store (see ./fuzz/run.ts).
 * Prints inputs tried per seed and per mutation, and every failure with the command that reproduces it;
 * exits 1 when any input failed.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type FuzzReport, type KindStats, runFuzz } from "./fuzz/run.ts";

function table(title: string, stats: Record<string, KindStats>): string {
  const rows = Object.entries(stats).sort((a, b) => b[1].tried - a[1].tried);
  const width = Math.max(title.length, ...rows.map(([k]) => k.length));
  const line = (k: string, s: KindStats) =>
    `  ${k.padEnd(width)} ${String(s.tried).padStart(7)} ${String(s.imported).padStart(8)} ${String(s.refused).padStart(8)} ${String(s.failures).padStart(8)} ${(s.ms / s.tried).toFixed(0).padStart(7)}`;
  return [
    `  ${title.padEnd(width)} ${"tried".padStart(7)} ${"imported".padStart(8)} ${"refused".padStart(8)} ${"failures".padStart(8)} ${"ms/each".padStart(7)}`,
    ...rows.map(([k, s]) => line(k, s)),
  ].join("\n");
}

export function formatReport(report: FuzzReport): string {
  const partial = report.failures.filter((f) => f.what === "partial-write").length;
  return [
    `fuzz seed ${report.seed}: ${report.tried} inputs in ${report.seconds.toFixed(1)} s — ${report.imported} imported, ${report.refused} refused with DocumentError, ${report.failures.length - partial} unexpected exceptions, ${partial} partial writes`,
    table("seed", report.bySeed),
    table("first mutation", report.byMutation),
    `  slowest input: #${report.slowest.index} ${report.slowest.seed} ${report.slowest.steps.join(" + ")} (${report.slowest.ms.toFixed(0)} ms)`,
  ].join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string" },
      count: { type: "string" },
      seed: { type: "string" },
      only: { type: "string" },
      save: { type: "string" },
    },
  });
  const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const seed = number(values.seed) ?? Math.floor(Math.random() * 2 ** 31);
  const seconds = number(values.seconds) ?? (values.count || values.only ? undefined : 60);
  if (values.save) await mkdir(values.save, { recursive: true });
  const report = await runFuzz({
    seed,
    seconds,
    count: number(values.count),
    only: number(values.only),
    onProgress: (r) => {
      const partial = r.failures.filter((f) => f.what === "partial-write").length;
      process.stdout.write(
        `… ${r.tried} inputs, ${r.seconds.toFixed(0)} s: ${r.imported} imported, ${r.refused} refused, ${r.failures.length - partial} unexpected exceptions, ${partial} partial writes\n`,
      );
    },
    onFailure: (f) => {
      process.stdout.write(
        `FAIL #${f.index} ${f.what} ${f.seed} ${f.steps.join(" + ")}\n  ${f.message}\n  reproduce: npm run fuzz -- --seed ${seed} --only ${f.index} --save DIR\n`,
      );
      if (values.save) void writeFile(join(values.save, `fuzz-${seed}-${f.index}-${f.seed}`), f.bytes);
    },
  });
  process.stdout.write(`${formatReport(report)}\n`);
  return report.failures.length > 0 ? 1 : 0;
}

if (process.argv[1]?.endsWith("fuzz.ts")) {
  main().then((code) => {
    process.exitCode = code;
  });
}

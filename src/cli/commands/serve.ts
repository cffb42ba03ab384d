/**
 * `lvzhi serve [--port 3000] [--host [HOST]] [--db PATH] [--workers N]`: serves the pages and the API. On
 * first start, when the database holds no edition, it imports the bundled lists (data/) as a published edition.
 */
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import { readDocument } from "../../ingest/index.ts";
import { editionIndex } from "../../match/index.ts";
import { type DutyStore, openStore, SqlDutyStore } from "../../store/index.ts";
import { createApp } from "../../web/app.ts";
import { PageCache } from "../../web/page-cache.ts";
import { listen } from "../../web/server.ts";
import { closeWorkPool, startWorkPool } from "../../work/pool.ts";
import { importEdition } from "../../workflow/imports.ts";
import { type Command, type CommandIO, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions, storeLocation } from "../options.ts";
import { announceListening, isServeWorker, runPrimary } from "./serve-cluster.ts";

/** The bundled real lists of 策勒乡 (July 2025). */
export const BUNDLED_LISTS = fileURLToPath(
  new URL("../../../data/cele-township-duty-lists-2025-07.txt", import.meta.url),
);

/**
 * Imports a document as a published edition when the store has no edition at all; returns whether it did.
 * Throws DocumentError when the file cannot be read as a list.
 */
export async function importBundledIfEmpty(store: DutyStore, file = BUNDLED_LISTS): Promise<boolean> {
  if ((await store.listEditions()).length > 0) return false;
  const { draft, problems } = await readDocument(await readFile(file), basename(file));
  const options = { status: "published" as const, warnings: problems, sourceFile: basename(file) };
  // Audited like any import when the store is the SQL one (always, outside tests with fakes).
  if (store instanceof SqlDutyStore) await importEdition(store, draft, "system", options);
  else await store.saveEdition(draft, options);
  return true;
}

/** How many townships get their search and check indexes built at start, so their first use is fast too. */
const WARM_TOWNSHIPS = 8;

/**
 * Builds the first townships' search indexes (jieba's dictionary loads once) by asking for a search, and
 * their check indexes, so that the first checks after a (re)start do not queue behind an index build.
 */
async function warmUp(app: Hono, store: DutyStore): Promise<void> {
  try {
    for (const t of (await store.listTownships()).slice(0, WARM_TOWNSHIPS)) {
      const ref = `${t.county}/${t.name}`;
      await app.request(`/t/${encodeURIComponent(ref)}?q=%E4%B9%A1%E9%95%87`);
      const edition = await store.getEdition(ref);
      // The same key as a check's (check-work.ts editionRef), so the check finds it built.
      if (edition) editionIndex(edition);
      // Requests that arrived meanwhile go first.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch {
    // Warming is an optimisation: a failure here shows again, with its message, on the first real request.
  }
}

/** `--host` without a value means every interface, as in common dev servers (`--host` alone → 0.0.0.0). */
function withBareHost(argv: string[]): string[] {
  return argv.map((arg, i) =>
    arg === "--host" && (argv[i + 1] ?? "--").startsWith("--") ? "--host=0.0.0.0" : arg,
  );
}

function portOf(value: string | undefined): number {
  if (value === undefined) return Number(process.env.PORT ?? 3000);
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new UsageError(`--port 应为 0–65535 的整数：${value}`);
  return Number(value);
}

function workersOf(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 256)
    throw new UsageError(`--workers 应为 1–256 的整数：${value}`);
  return Number(value);
}

/** How long a stopping server waits for open requests before it exits anyway. */
const CLOSE_GRACE_MS = 3_000;

/** Resolves when the process is asked to stop. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    // A worker whose primary is gone (killed, crashed) stops too instead of serving on as an orphan.
    if (isServeWorker()) process.once("disconnect", () => stop("disconnect"));
  });
}

export const serveCommand: Command = {
  name: "serve",
  summary: "启动网页服务（首次启动时导入随附的策勒乡清单）",
  usage:
    "lvzhi serve [--port 3000] [--host [HOST]] [--db PATH | --database-url URL] [--workers N]\n" +
    "  --port  监听端口（默认 3000，或环境变量 PORT）\n" +
    "  --host  监听地址（默认 127.0.0.1，仅本机；只写 --host 即 0.0.0.0，局域网可访问）\n" +
    "  --db    SQLite 数据库文件（默认 $LVZHI_DB 或 var/lvzhi.db）\n" +
    "  --database-url  PostgreSQL 地址 postgres://用户:密码@主机:端口/库（或环境变量 DATABASE_URL）；多个服务进程可共用\n" +
    "  --workers  工作进程数（默认为本机 CPU 核数；1 即单进程）：各进程共用端口与数据库",
  async run(argv: string[], io: CommandIO) {
    const { values, positionals } = parseOptions(withBareHost(argv), {
      ...DB_OPTIONS,
      port: { type: "string" },
      host: { type: "string" },
      workers: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(" ")}`);
    const port = portOf(values.port);
    const workers = workersOf(values.workers);
    const worker = isServeWorker();
    const store = await openStore(storeLocation(values));
    try {
      const started = performance.now();
      // Workers find the lists the primary imported; only the primary (or a single process) imports.
      if (!worker && (await importBundledIfEmpty(store))) {
        io.out(
          `数据库中还没有清单：已导入随附的策勒乡清单（${(performance.now() - started).toFixed(0)} ms）\n`,
        );
      }
      if (!worker && workers > 1) {
        return await runPrimary(workers, io, untilSignal);
      }
      // Its hits are answered before the app (listen's fast path); the app fills it.
      const pages = new PageCache(store);
      const app = createApp({ store, pageCache: pages });
      // Uploads and long checks run in worker threads, started now so that no visitor waits for them.
      startWorkPool();
      const server = await listen(app, { port, hostname: values.host ?? "127.0.0.1", pages });
      if (worker) announceListening(server.url);
      else io.out(`lvzhi 已启动：${server.url}  （按 Ctrl+C 停止）\n`);
      void warmUp(app, store);
      await untilSignal();
      // A cluster worker's close can wait on its primary for good: give open requests a moment, then go.
      await Promise.race([server.close(), new Promise((done) => setTimeout(done, CLOSE_GRACE_MS).unref())]);
      await closeWorkPool();
      return 0;
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
        io.err(`端口 ${port} 已被占用：请用 --port 换一个端口\n`);
        return 1;
      }
      throw error;
    } finally {
      await store.close();
      // The IPC channel would keep a cluster worker alive; it exits once its store is closed.
      if (worker) setImmediate(() => process.exit(process.exitCode ?? 0));
    }
  },
};

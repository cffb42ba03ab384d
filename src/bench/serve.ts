/**
 * The serving bench (`lvzhi bench serve`): starts `lvzhi serve` as a child over a fresh database holding the
 * bundled lists, and beside it a bare node http server answering the very same bytes from memory
 * (bare-server.mjs, as many processes as lvzhi has workers). autocannon then loads each route on each, one
 * after the other, and the report gives requests per second, p99 latency, errors and lvzhi/bare.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type IncomingHttpHeaders, request } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { readDocument } from "../ingest/index.ts";
import { openStore } from "../store/index.ts";
import { workflowDb } from "../store/workflow-schema.ts";
import { SESSION_COOKIE } from "../web/auth/cookies.ts";
import { authSettingsFromEnv } from "../web/auth/settings.ts";
import { login } from "../workflow/auth.ts";
import { importEdition } from "../workflow/imports.ts";
import { POLICIES } from "../workflow/passwords.ts";
import { addUser, changePassword } from "../workflow/users.ts";

const BUNDLED = fileURLToPath(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));
const CLI = fileURLToPath(new URL("../../bin/lvzhi.js", import.meta.url));
const BARE = fileURLToPath(new URL("./bare-server.mjs", import.meta.url));

const CELE = `/t/${encodeURIComponent("策勒乡")}`;
const CHECK_TEXT = "请各乡镇做好烟花爆竹安全监管工作";
const BENCH_USER = "bench-serve";
/** Seconds of unmeasured load before each lvzhi measurement. */
const WARM_UP_SECONDS = 3;
const BENCH_PASSWORD = "Lz-bench#2025-serve";

export interface ServeOptions {
  connections: number;
  /** Seconds per route and server. */
  duration: number;
  /** lvzhi's worker processes (and the bare server's). */
  workers: number;
  log: (line: string) => void;
}

/** One route as measured. */
export interface RouteFigures {
  route: string;
  bytes: number;
  lvzhi: Figures;
  /** Null where the bare server has nothing to compare with (the task check computes its answer). */
  bare: Figures | null;
}

export interface Figures {
  requestsPerSecond: number;
  p99: number;
  max: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  errors: number;
}

interface Target {
  route: string;
  path: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /**
   * A new body for each request (the n-th): a check the server has not answered before, so the answer
   * cache (web/check-results.ts) cannot help and the figure is what working out a check costs.
   */
  bodyOf?: (n: number) => string;
  /** Whether the bare server gets the same bytes to answer. */
  bare: boolean;
}

/** Waits for a child to print a line matching `pattern`; its first group. */
function waitFor(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`${what}：${timeoutMs / 1000} 秒内未启动\n${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolve(match[1]!);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} 退出（${code}）\n${seen}`));
    });
  });
}

/** A database with the bundled lists published and a signed-in township user; the session's cookie and CSRF token. */
export async function prepareDatabase(path: string): Promise<{ cookie: string; csrf: string }> {
  const store = await openStore({ path });
  try {
    const { draft, problems } = await readDocument(readFileSync(BUNDLED), basename(BUNDLED));
    await importEdition(store, draft, "bench", {
      status: "published",
      warnings: problems,
      sourceFile: "bench",
    });
    const db = workflowDb(store.db);
    const { id, password } = await addUser(
      db,
      { name: BENCH_USER, role: "township", township: "策勒乡" },
      "bench",
    );
    await changePassword(db, id, password, BENCH_PASSWORD, POLICIES.dengbao);
    const { token, session } = await login(
      db,
      authSettingsFromEnv(),
      BENCH_USER,
      BENCH_PASSWORD,
      "127.0.0.1",
    );
    return { cookie: `${SESSION_COOKIE}=${token}`, csrf: session.csrf };
  } finally {
    await store.close();
  }
}

/** One request with node:http, body undecoded (fetch would decode br and gzip). */
function rawRequest(
  url: string,
  target: Target,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: target.method, headers: target.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(target.body);
  });
}

/** The check API signed in; with `suffix`, each request's text is new (see Target.bodyOf). */
function checkTarget(
  route: string,
  session: { cookie: string; csrf: string },
  suffix?: (n: number) => string,
): Target {
  const body = (text: string) => JSON.stringify({ township: "策勒乡", text });
  return {
    route,
    path: "/api/v1/check",
    method: "POST",
    headers: { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrf },
    body: body(CHECK_TEXT),
    ...(suffix ? { bodyOf: (n: number) => body(`${CHECK_TEXT}${suffix(n)}`) } : {}),
    bare: false,
  };
}

/** Bodies made by `bodyOf` in this run: the warm-up's texts are never sent again by the measured run. */
let bodiesSent = 0;

async function measure(url: string, target: Target, options: ServeOptions): Promise<Figures> {
  const { bodyOf } = target;
  const result = await autocannon({
    ...(bodyOf ? { requests: [{ setupRequest: (req) => ({ ...req, body: bodyOf(bodiesSent++) }) }] } : {}),
    url: `${url}${target.path}`,
    connections: options.connections,
    duration: options.duration,
    method: target.method,
    headers: target.headers,
    body: target.body,
    timeout: 10,
  });
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Runs the whole bench; the children are stopped and the database removed whatever happens. */
export async function runServeBench(options: ServeOptions): Promise<RouteFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-serve-bench-"));
  let server: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  try {
    const db = join(dir, "bench.db");
    const { cookie, csrf } = await prepareDatabase(db);
    options.log(`启动 lvzhi serve（${options.workers} 个工作进程）…`);
    server = spawn(
      process.execPath,
      [CLI, "serve", "--port", "0", "--db", db, "--workers", String(options.workers)],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    // The same address as the bare server's (localhost may try ::1 first).
    const url = (await waitFor(server, /已启动：(http:\/\/\S+)/, "lvzhi serve")).replace(
      "//localhost:",
      "//127.0.0.1:",
    );

    const page = { accept: "text/html" };
    const browser = { ...page, "accept-encoding": "br, gzip" };
    const targets: Target[] = [
      { route: `${decodeURI(CELE)}`, path: CELE, method: "GET", headers: page, bare: true },
      {
        route: `${decodeURI(CELE)}?list=cooperative`,
        path: `${CELE}?list=cooperative`,
        method: "GET",
        headers: page,
        bare: true,
      },
      { route: `${decodeURI(CELE)}（br）`, path: CELE, method: "GET", headers: browser, bare: true },
      {
        route: `${decodeURI(CELE)}?list=cooperative（br）`,
        path: `${CELE}?list=cooperative`,
        method: "GET",
        headers: browser,
        bare: true,
      },
      checkTarget("POST /api/v1/check（已登录）", { cookie, csrf }),
      checkTarget("POST /api/v1/check（已登录，每次不同文本）", { cookie, csrf }, (n) => `（第${n}批）`),
    ];

    // The bytes lvzhi answers, kept for the bare server (one path per target: the encoding differs).
    const spec: { path: string; file: string; headers: Record<string, string> }[] = [];
    const bytes = new Map<Target, number>();
    for (const [i, target] of targets.entries()) {
      const res = await rawRequest(`${url}${target.path}`, target);
      // The cluster hands connections to the workers in turn: a few requests each, one after the other,
      // so that every worker has built its check index (seconds on a loaded machine) before any load.
      // A new connection each (node's agent would keep one alive, and so one worker).
      const priming = { ...target, headers: { ...target.headers, connection: "close" } };
      for (let k = 1; k < 4 * options.workers; k++) await rawRequest(`${url}${target.path}`, priming);
      const body = res.body;
      if (res.status !== 200)
        throw new Error(`${target.route} → ${res.status}：${body.toString().slice(0, 200)}`);
      bytes.set(target, body.length);
      if (!target.bare) continue;
      const file = join(dir, `body-${i}`);
      writeFileSync(file, body);
      const headers: Record<string, string> = {
        "content-type": String(res.headers["content-type"] ?? "text/html"),
      };
      const encoding = res.headers["content-encoding"];
      if (encoding) headers["content-encoding"] = encoding;
      spec.push({ path: `/bare/${i}`, file, headers });
    }
    const specFile = join(dir, "bare.json");
    writeFileSync(specFile, JSON.stringify(spec));
    bare = spawn(process.execPath, [BARE, specFile, String(options.workers)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const barePort = await waitFor(bare, /listening (\d+)/, "bare server");
    const bareUrl = `http://127.0.0.1:${barePort}`;

    const out: RouteFigures[] = [];
    for (const [i, target] of targets.entries()) {
      options.log(`  ${target.route}：lvzhi…`);
      // A short unmeasured run first: every worker renders, compresses and builds its indexes once.
      await measure(url, target, { ...options, duration: WARM_UP_SECONDS });
      const lvzhi = await measure(url, target, options);
      let baseline: Figures | null = null;
      if (target.bare) {
        options.log(`  ${target.route}：bare…`);
        baseline = await measure(bareUrl, { ...target, path: `/bare/${i}` }, options);
      }
      out.push({ route: target.route, bytes: bytes.get(target) ?? 0, lvzhi, bare: baseline });
    }
    return out;
  } finally {
    await stop(server);
    await stop(bare);
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The report as a Markdown table (it goes into the README as printed). */
export function serveReport(rows: RouteFigures[], options: ServeOptions): string[] {
  const lines = [
    `lvzhi bench serve：${options.connections} 个连接，每项 ${options.duration} 秒，${options.workers} 个工作进程（裸服务器同数）`,
    "",
    "| 路由 | 字节 | lvzhi 请求/秒 | 裸服务器 请求/秒 | 比值 | lvzhi p99 (ms) | 裸服务器 p99 (ms) | lvzhi 错误 |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.route} | ${fmt(r.bytes)} | ${fmt(r.lvzhi.requestsPerSecond)} | ${r.bare ? fmt(r.bare.requestsPerSecond) : "—"} | ${
        r.bare ? fmt(r.lvzhi.requestsPerSecond / r.bare.requestsPerSecond, 2) : "—"
      } | ${fmt(r.lvzhi.p99)} | ${r.bare ? fmt(r.bare.p99) : "—"} | ${fmt(r.lvzhi.errors)} |`,
    );
  }
  return lines;
}

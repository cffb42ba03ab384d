/**
 * Page response times of the web app on the bundled lists: median and p95 over N requests per page,
 * measured over real HTTP on localhost (a fresh in-memory store, the bundled lists imported), and the
 * median CPU time of the same request handled in-process (app.request), which other load on the
 * machine disturbs much less than wall-clock time.
 *   npx tsx bench/web-pages.ts [--requests 50]
 */
import { parseArgs } from "node:util";
import { importBundledIfEmpty } from "../src/cli/commands/serve.ts";
import { openStore } from "../src/store/index.ts";
import { createApp } from "../src/web/app.ts";
import { listen } from "../src/web/server.ts";

const { values } = parseArgs({ options: { requests: { type: "string", default: "50" } } });
const n = Number(values.requests);
const t = encodeURIComponent("策勒乡");
const PAGES: [string, string][] = [
  ["home", "/"],
  ["township, basic list", `/t/${t}`],
  ["township, cooperative list", `/t/${t}?list=cooperative`],
  ["township, facets", `/t/${t}?list=cooperative&department=${encodeURIComponent("县水利局")}`],
  ["search (words)", `/t/${t}?q=${encodeURIComponent("安全生产")}`],
  ["search (pinyin)", `/t/${t}?list=cooperative&q=fxkh`],
  ["search-as-you-type partial", `/t/${t}?q=${encodeURIComponent("石榴")}`],
  ["township JSON", `/api/v1/t/${t}?list=cooperative`],
  ["township CSV", `/t/${t}/list.csv?list=cooperative`],
  ["item (cooperative 8)", `/t/${t}/cooperative/8`],
  ["item JSON", `/api/v1/t/${t}/cooperative/8`],
  ["department (alias 人社局)", `/departments/${encodeURIComponent("人社局")}`],
  ["departments index", "/departments"],
  ["404", `/t/${t}/basic/999`],
];

const store = await openStore({ path: ":memory:" });
await importBundledIfEmpty(store);
const app = createApp({ store });
const server = await listen(app, { port: 0, hostname: "127.0.0.1" });

/** Median CPU milliseconds (user + system) of handling the request in-process. */
async function cpuMedian(path: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = process.cpuUsage();
    await (await app.request(path, { headers })).arrayBuffer();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return quantile(
    times.sort((a, b) => a - b),
    0.5,
  );
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
console.log(
  `${n} requests per page over HTTP on ${server.url} (first request, which builds caches, reported apart);\n` +
    `cpu: median CPU time of the same request in-process\n`,
);
console.log(
  `${"page".padEnd(30)} ${"first".padStart(8)} ${"median".padStart(8)} ${"p95".padStart(8)} ${"cpu".padStart(8)} ${"bytes".padStart(8)}`,
);
for (const [label, path] of PAGES) {
  const headers: Record<string, string> = label.includes("partial") ? { "x-lvzhi-partial": "1" } : {};
  const times: number[] = [];
  let first = 0;
  let bytes = 0;
  for (let i = 0; i <= n; i++) {
    const started = performance.now();
    const res = await fetch(server.url + path, { headers });
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    if (i === 0) {
      first = ms;
      bytes = body.byteLength;
    } else times.push(ms);
  }
  times.sort((a, b) => a - b);
  const cpu = await cpuMedian(path, headers);
  const f = (ms: number) => `${ms.toFixed(1)} ms`.padStart(8);
  console.log(
    `${label.padEnd(30)} ${f(first)} ${f(quantile(times, 0.5))} ${f(quantile(times, 0.95))} ${f(cpu)} ${String(bytes).padStart(8)}`,
  );
}
await server.close();
await store.close();

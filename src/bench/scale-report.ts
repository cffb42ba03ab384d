/** The scale bench's printed report: one row per figure, one column per backend, and PostgreSQL / SQLite. */
import type { Latency } from "./measure.ts";
import type { ScaleResult } from "./scale.ts";

interface Row {
  label: string;
  value: (r: ScaleResult) => number;
  digits?: number;
}

const ms = (pick: (r: ScaleResult) => Latency, label: string): Row[] => [
  { label: `${label} p50 (ms)`, value: (r) => pick(r).p50, digits: 2 },
  { label: `${label} p99 (ms)`, value: (r) => pick(r).p99, digits: 2 },
];

const ROWS: Row[] = [
  { label: "事项总数", value: (r) => r.items, digits: 0 },
  { label: "批量导入吞吐（项/秒）", value: (r) => r.import.itemsPerSecond, digits: 0 },
  { label: "批量导入耗时（秒）", value: (r) => r.import.seconds, digits: 1 },
  { label: "单个乡镇导入 p50 (ms)", value: (r) => r.import.townshipP50, digits: 1 },
  { label: "单个乡镇导入 p99 (ms)", value: (r) => r.import.townshipP99, digits: 1 },
  { label: "数据库大小 (MB)", value: (r) => r.databaseMb, digits: 1 },
  { label: "读取一个乡镇清单 (ms)", value: (r) => r.check.loadEditionMs, digits: 1 },
  { label: "建索引：进程首个，含词典 (ms)", value: (r) => r.cold.firstBuildMs, digits: 0 },
  { label: "建索引：同县下一个乡镇 (ms)", value: (r) => r.cold.nextBuildMs, digits: 0 },
  { label: "同县下一个索引内存 (MB)", value: (r) => r.cold.indexMb, digits: 1 },
  { label: "索引自估大小 (MB)", value: (r) => r.cold.indexEstimateMb, digits: 1 },
  { label: "全县核验乡镇数", value: (r) => r.cold.county.townships, digits: 0 },
  { label: "全县核验首次（建全县索引，ms）", value: (r) => r.cold.county.coldMs, digits: 0 },
  {
    label: "全县核验首次，平均每个乡镇 (ms)",
    value: (r) => r.cold.county.coldMs / Math.max(1, r.cold.county.townships),
    digits: 0,
  },
  ...ms((r) => r.cold.county.warm, "全县核验（索引已建）"),
  ...ms((r) => r.check.engine, "任务核验（引擎）"),
  ...ms((r) => r.check.request, "任务核验（含版本轮询）"),
  ...ms((r) => r.pages.search, "乡镇内搜索 API"),
  ...ms((r) => r.pages.township, "乡镇页面"),
  ...ms((r) => r.pages.department, "部门 API（本县）"),
  { label: "县对比页首次（建矩阵，ms）", value: (r) => r.pages.countyColdMs, digits: 0 },
  ...ms((r) => r.pages.county, "县对比页（缓存）"),
  ...ms((r) => r.pages.home, "乡镇列表 API（第 1 页）"),
  ...ms((r) => r.pages.homePage, "首页（按县）"),
  ...ms((r) => r.pages.countyList, "乡镇列表 API（一个县）"),
  { label: "进程 RSS (MB)", value: (r) => r.rssMb, digits: 0 },
];

/** Issue 13's cold-index targets: a township's index ≤ 300 ms and ≤ 4 MB, a county of 100 cold ≤ 10 s, warm ≤ 100 ms. */
export const COLD_TARGETS = { buildMs: 300, indexMb: 4, countyColdMs: 10_000, countyWarmMs: 100 };

/** Which cold-index targets one backend's run met (wall times: a loaded machine can miss them). */
function coldTargets(r: ScaleResult): string {
  const t = COLD_TARGETS;
  const mark = (ok: boolean) => (ok ? "达到" : "未达到");
  const perTownship = r.cold.county.coldMs / Math.max(1, r.cold.county.townships);
  return (
    `[${r.backend}] 目标：同县建索引 ≤ ${t.buildMs} ms ${mark(perTownship <= t.buildMs)}，` +
    `索引 ≤ ${t.indexMb} MB ${mark(r.cold.indexMb <= t.indexMb)}，` +
    `全县 100 个乡镇首次 ≤ ${t.countyColdMs / 1000} s ${mark((r.cold.county.coldMs * 100) / Math.max(1, r.cold.county.townships) <= t.countyColdMs)}，` +
    `已建 ≤ ${t.countyWarmMs} ms ${mark((r.cold.county.warm.p50 * 100) / Math.max(1, r.cold.county.townships) <= t.countyWarmMs)}` +
    "（按 100 个乡镇折算）"
  );
}

function format(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The report as text lines. */
export function scaleReport(results: readonly ScaleResult[]): string[] {
  const first = results[0];
  if (!first) return [];
  const lines = [`规模基准：${first.townships} 个乡镇（${first.counties} 个县），${first.items} 项事项`];
  const pg = results.find((r) => r.backend === "postgres");
  const lite = results.find((r) => r.backend === "sqlite");
  const header = ["指标", ...results.map((r) => r.backend), ...(pg && lite ? ["postgres/sqlite"] : [])];
  const table = [header];
  for (const row of ROWS) {
    const cells = results.map((r) => format(row.value(r), row.digits));
    if (pg && lite) {
      const ratio = row.value(pg) / row.value(lite);
      cells.push(Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "—");
    }
    table.push([row.label, ...cells]);
  }
  const widths = header.map((_, c) => Math.max(...table.map((r) => displayWidth(r[c] ?? ""))));
  for (const r of table) lines.push(r.map((cell, c) => pad(cell, widths[c]!, c > 0)).join("  "));
  for (const r of results) lines.push(coldTargets(r));
  return lines;
}

/** Terminal width of a string: CJK characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** @jsxImportSource hono/jsx */
/**
 * 考核指标核验: GET /t/:township/indicators (the upload form), POST to the same path (multipart: `file` or the
 * carried fields of a report; `view` = page | print | xlsx | csv | json). GET /c/:county/indicators is the
 * same form with a township picker; it posts to POST /c/:county/indicators, which answers as the township's.
 */

import type { Context } from "hono";
import { z } from "zod";
import { LIST_LABELS } from "../../domain/edition.ts";
import { Refusal } from "../../domain/refusal.ts";
import { csv } from "../../export/csv.ts";
import { FINDING_LABELS, FINDING_SHORT } from "../../indicators/assess.ts";
import type { StoredEdition } from "../../store/types.ts";
import { workPool } from "../../work/pool.ts";
import { canReadEdition } from "../../workflow/access.ts";
import type { RouteModule } from "../app.ts";
import { principalOf } from "../auth/context.ts";
import { checkDate } from "../check-sheet.ts";
import { checkLimit, MAX_FORM_BYTES, sizeLimit, UPLOAD_COST } from "../check-work.ts";
import type { WebContext } from "../context.ts";
import {
  attachment,
  carryFields,
  type IndicatorReport,
  indicatorFileOf,
  indicatorReport,
  stem,
  uploadedFile,
  XLSX_TYPE,
} from "../file-checks.ts";
import { choice, parseWith } from "../input.ts";
import { loadEdition, page } from "../respond.tsx";
import { viewerOf } from "../viewer.ts";
import { CountyIndicatorsPage } from "../views/county-indicators-page.tsx";
import { IndicatorsPage, IndicatorsPrint, type IndicatorsView } from "../views/indicators-page.tsx";
import { precedentsFor } from "./check-decision.tsx";

const ReportForm = z.object({ view: choice(["page", "print", "xlsx", "csv", "json"]).default("page") });
const PickForm = z.object({ township: z.string().trim().min(1, "请选择乡镇").max(100) });
const CountyParam = z.object({ county: z.string().trim().min(1, "县名无效").max(30, "县名无效") });

/** Columns added to the indicator table in the Excel download (and the last columns of the CSV). */
const ADDED = ["核验结论", "对应事项", "问题", "说明", "需人工确认"] as const;
const WIDTHS = [14, 32, 22, 50, 12];

function addedCells(a: IndicatorReport["assessed"][number]): string[] {
  const item = a.check.item
    ? `${LIST_LABELS[a.check.item.list]}第${a.check.item.number}项 ${a.check.item.name}`
    : "清单外";
  return [
    FINDING_SHORT[a.finding],
    item,
    a.finding === "ok" ? "" : FINDING_LABELS[a.finding],
    a.explanation,
    a.check.needs_review ? "是" : "否",
  ];
}

function reportCsv(report: IndicatorReport): Uint8Array {
  const header = ["行", "一级指标", "指标名称", "考核内容", "分值", "考核部门", ...ADDED];
  const rows = report.assessed.map((a) => [
    String(a.line),
    a.group,
    a.name,
    a.content,
    a.points === null ? "" : String(a.points),
    a.department,
    ...addedCells(a),
  ]);
  return new Uint8Array(csv([header, ...rows]));
}

async function reportXlsx(
  report: IndicatorReport,
  file: { name: string; bytes: Uint8Array; format: string },
) {
  const rows = new Map(
    report.assessed.map((a) => [a.line, { cells: addedCells(a), fill: FILLS[a.finding] }]),
  );
  const added = {
    sheet: report.table.sheet,
    headerRow: report.table.headerRow,
    headers: ADDED,
    widths: WIDTHS,
    rows,
  };
  return (await workPool().file({
    kind: "annotate-workbook",
    bytes: file.format === "xlsx" ? file.bytes : null,
    file: file.name,
    grid: file.format === "xlsx" ? null : report.table.grid,
    added,
  })) as Uint8Array;
}

const FILLS = { reclaimed: "FFF9DEDC", unlisted: "FFFFF0D6", lead: "FFFCE4EC", ok: "FFE3F2E5" } as const;

function reportJson(view: IndicatorsView, report: IndicatorReport) {
  return {
    township: view.township,
    county: view.county,
    edition: view.date,
    file: view.file,
    sheet: report.table.sheet,
    columns: report.table.columns,
    summary: report.summary,
    indicators: report.assessed.map((a) => ({
      line: a.line,
      group: a.group,
      name: a.name,
      content: a.content,
      points: a.points,
      department: a.department,
      finding: a.finding,
      explanation: a.explanation,
      verdict: a.check.verdict,
      item: a.check.item,
      needs_review: a.check.needs_review,
    })),
  };
}

/** Reads, checks and answers an uploaded indicator table for the township `townshipRef`. */
async function answer(c: Context, web: WebContext, townshipRef: string, edition: StoredEdition) {
  const body = await c.req.parseBody();
  const { view: format } = parseWith(ReportForm, { view: body.view });
  const upload = await uploadedFile(body);
  if (!upload) throw new Refusal("invalid", "请选择要上传的考核指标表（.xlsx、.csv 或 .docx）。");
  const file = await indicatorFileOf(upload);
  const report = await indicatorReport(edition, file, await precedentsFor(web, edition));
  const view: IndicatorsView = {
    townshipRef,
    township: edition.township,
    county: edition.county,
    date: edition.date,
    today: checkDate(new Date().toISOString()),
    file: upload.name,
    report: { ...report, carry: carryFields({ name: upload.name, bytes: file.bytes }) },
  };
  const name = `${stem(upload.name)}-核验结果`;
  if (format === "csv") return attachment(`${name}.csv`, "text/csv; charset=utf-8", reportCsv(report));
  if (format === "xlsx") return attachment(`${name}.xlsx`, XLSX_TYPE, await reportXlsx(report, file));
  if (format === "json") return c.json(reportJson(view, report));
  if (format === "print") return page(c, <IndicatorsPrint view={view} report={report} />);
  return page(c, <IndicatorsPage {...view} viewer={viewerOf(c)} />);
}

/** The county's townships whose lists the visitor may read, by name. */
async function readableTownships(c: Context, web: WebContext, county: string): Promise<string[]> {
  const who = principalOf(c);
  const [all, editions] = await Promise.all([web.store.listTownships(), web.store.listEditions()]);
  const readable = new Set(editions.filter((e) => canReadEdition(who, e)).map((e) => e.townshipId));
  return all.filter((t) => t.county === county && readable.has(t.id)).map((t) => t.name);
}

export const indicatorRoutes: RouteModule = (app, web) => {
  const limit = checkLimit(web, UPLOAD_COST);

  app.get("/t/:township/indicators", async (c) => {
    const township = c.req.param("township");
    const { edition } = await loadEdition(c, web, township, null);
    const view: IndicatorsView = {
      townshipRef: township,
      township: edition.township,
      county: edition.county,
      date: edition.date,
      today: checkDate(new Date().toISOString()),
      file: null,
      report: null,
    };
    return page(c, <IndicatorsPage {...view} viewer={viewerOf(c)} />);
  });

  app.post("/t/:township/indicators", limit, sizeLimit(MAX_FORM_BYTES), async (c) => {
    const township = c.req.param("township");
    const { edition } = await loadEdition(c, web, township, null);
    return answer(c, web, township, edition);
  });

  app.get("/c/:county/indicators", async (c) => {
    const { county } = parseWith(CountyParam, c.req.param());
    const townships = await readableTownships(c, web, county);
    if (!townships.length)
      throw new Refusal("not-found", `未找到“${county}”的乡镇履职事项清单。`, { county });
    return page(c, <CountyIndicatorsPage county={county} townships={townships} viewer={viewerOf(c)} />);
  });

  app.post("/c/:county/indicators", limit, sizeLimit(MAX_FORM_BYTES), async (c) => {
    const { county } = parseWith(CountyParam, c.req.param());
    const body = await c.req.parseBody();
    const { township } = parseWith(PickForm, { township: body.township });
    const townships = await readableTownships(c, web, county);
    if (!townships.includes(township)) {
      throw new Refusal("invalid", `“${township}”不是${county}可查看的乡镇：请从列表中选择。`, { township });
    }
    const { edition } = await loadEdition(c, web, township, null);
    return answer(c, web, township, edition);
  });
};

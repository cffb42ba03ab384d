/** @jsxImportSource hono/jsx */
/**
 * Counties: GET /c (index), /c/:county (the comparison page, `?matrix=` filters the matrix),
 * /c/:county/matrix.csv, and the JSON twins /api/v1/counties and /api/v1/counties/:county.
 * POST /api/v1/counties/:county/check checks a text against every township of the county.
 * Also serves the vendored ECharts script (/vendor/echarts.min.js) the page's charts use.
 */
import type { Context } from "hono";
import { z } from "zod";
import { checkCounty } from "../../county/check.ts";
import type { CountyView } from "../../county/summary.ts";
import { LIST_LABELS } from "../../domain/edition.ts";
import type { RouteModule } from "../app.ts";
import {
  checkAgainst,
  checkLength,
  checkLimit,
  MAX_JSON_BYTES,
  sizeLimit,
  UPLOAD_COST,
} from "../check-work.ts";
import { csvResponse, toCsv } from "../csv.ts";
import { choice, parseBody, parseParams, parseQuery } from "../input.ts";
import { notFound, page } from "../respond.tsx";
import { departmentHref, itemHref } from "../urls.ts";
import { mountVendor } from "../vendor.ts";
import { viewerOf } from "../viewer.ts";
import {
  CountyIndex,
  CountyPage,
  countyHref,
  filterRows,
  MATRIX_FILTERS,
  type MatrixFilter,
} from "../views/county-page.tsx";

const CountyQuery = z.object({
  matrix: choice(Object.keys(MATRIX_FILTERS) as [MatrixFilter, ...MatrixFilter[]]).default("all"),
});

function filterParam(c: Context): MatrixFilter {
  return parseQuery(c, CountyQuery).matrix;
}

/** The text checked against every township of the county: JSON {"text":"…"} (or a form's text field). */
const CheckBody = z.object({
  text: z.string({ message: "应为文本" }).max(200_000, "文本过长（最多 200 000 字）"),
});

/** The county in the path: its name, trimmed, 1–30 characters. */
const CountyParam = z.object({
  county: z.string().trim().min(1, "县名无效").max(30, "县名无效"),
});

/** The JSON twin of the county page: the view with links, the matrix filtered as the page is. */
function countyJson(view: CountyView, filter: MatrixFilter) {
  const township = (t: number) => `${view.county}/${view.townships[t]!.township}`;
  return {
    county: view.county,
    townships: view.townships.map((t) => ({
      ...t,
      url: `/t/${encodeURIComponent(`${view.county}/${t.township}`)}`,
    })),
    totals: view.totals,
    departments: view.departments.map((d) => ({ ...d, url: departmentHref(d.department) })),
    reclaimed: view.reclaimed,
    matrix: {
      filter,
      rows: filterRows(view.matrix, filter).map((row) => ({
        ...row,
        cells: row.cells.map((cell, t) =>
          cell ? { ...cell, url: itemHref(township(t), cell.list, cell.number) } : null,
        ),
      })),
    },
    csvUrl: countyHref(view.county, "csv", filter),
  };
}

export const countyRoutes: RouteModule = (app, web) => {
  const cache = web.counties;
  mountVendor(app);

  async function viewOf(c: Context): Promise<CountyView> {
    const { county } = parseParams(c, CountyParam);
    const view = await cache.view(county);
    if (!view) throw notFound(`没有“${county}”的乡镇清单。`);
    return view;
  }

  app.get("/c", async (c) =>
    page(c, <CountyIndex counties={await web.store.listCounties()} viewer={viewerOf(c)} />),
  );
  app.get("/api/v1/counties", async (c) =>
    c.json({
      counties: (await web.store.listCounties()).map((county) => ({
        ...county,
        url: countyHref(county.name),
        apiUrl: countyHref(county.name, "json"),
      })),
    }),
  );

  app.get("/c/:county", async (c) => {
    const filter = filterParam(c);
    return page(c, <CountyPage view={await viewOf(c)} filter={filter} viewer={viewerOf(c)} />);
  });
  app.get("/api/v1/counties/:county", async (c) => {
    const filter = filterParam(c);
    return c.json(countyJson(await viewOf(c), filter));
  });

  app.get("/c/:county/matrix.csv", async (c) => {
    const filter = filterParam(c);
    const view = await viewOf(c);
    const header = ["事项名称", "事项类别", "情况", ...view.townships.map((t) => t.township)];
    const kind = { common: "各乡镇共有", shared: "部分乡镇共有", particular: "仅一个乡镇有" } as const;
    const rows = filterRows(view.matrix, filter).map((row) => [
      row.name,
      row.category,
      `${kind[row.kind]}${row.local ? "（个性）" : ""}`,
      ...row.cells.map((cell) => (cell ? `${LIST_LABELS[cell.list]}第${cell.number}项` : "")),
    ]);
    return csvResponse(`${view.county}事项对比-${MATRIX_FILTERS[filter]}.csv`, toCsv(header, rows));
  });

  // A check against every township: rate-limited as several checks, long texts in the worker pool.
  app.post(
    "/api/v1/counties/:county/check",
    checkLimit(web, UPLOAD_COST),
    sizeLimit(MAX_JSON_BYTES),
    async (c) => {
      const { county } = parseParams(c, CountyParam);
      const { text } = await parseBody(c, CheckBody);
      checkLength(text);
      const result = await checkCounty(web.store, county, text, checkAgainst);
      if (result.townships.length === 0) throw notFound(`没有“${county}”的乡镇清单。`);
      return c.json(result);
    },
  );
};

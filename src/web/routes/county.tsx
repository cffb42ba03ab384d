/** @jsxImportSource hono/jsx */
/**
 * Counties: GET /c (index), /c/:county (the comparison page, `?matrix=` filters the matrix),
 * /c/:county/matrix.csv, and the JSON twins /api/v1/counties and /api/v1/counties/:county.
 * POST /api/v1/counties/:county/check checks a text against every township of the county.
 * Also serves the vendored ECharts script (/vendor/echarts.min.js) the page's charts use.
 */
import type { Context } from "hono";
import { z } from "zod";
import { CountyCache } from "../../county/cache.ts";
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
import { choice, parseQuery } from "../input.ts";
import { badRequest } from "../params.ts";
import { notFound, page } from "../respond.tsx";
import { departmentHref, itemHref } from "../urls.ts";
import { mountVendor } from "../vendor.ts";
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

const checkBody = z.object({ text: z.string() });

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
  const cache = new CountyCache(web.store);
  mountVendor(app);

  async function viewOf(c: Context): Promise<CountyView> {
    const county = (c.req.param("county") ?? "").trim();
    if (!county || county.length > 30) throw badRequest("县名无效。");
    const view = await cache.view(county);
    if (!view) throw notFound(`没有“${county}”的乡镇清单。`);
    return view;
  }

  app.get("/c", async (c) => page(c, <CountyIndex counties={await web.store.listCounties()} />));
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
    return page(c, <CountyPage view={await viewOf(c)} filter={filter} />);
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
      const county = (c.req.param("county") ?? "").trim();
      const parsed = checkBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success)
        throw badRequest(`请求体应为 {"text":"…"}：${parsed.error.issues[0]?.message ?? ""}`);
      checkLength(parsed.data.text);
      const result = await checkCounty(web.store, county, parsed.data.text, checkAgainst);
      if (result.townships.length === 0) throw notFound(`没有“${county}”的乡镇清单。`);
      return c.json(result);
    },
  );
};

/** @jsxImportSource hono/jsx */
/**
 * Departments: GET /departments (index), /departments/:name (page; aliases such as 人社局 accepted),
 * /departments/:name/items.csv, and the JSON twins under /api/v1/departments. `?county=` narrows to
 * one county when department names repeat across counties.
 */
import type { Context } from "hono";
import { z } from "zod";
import { matrixRowOf, nameKey } from "../../county/compare.ts";
import { LIST_LABELS } from "../../domain/edition.ts";
import type { RouteModule } from "../app.ts";
import { blocksText } from "../cells.ts";
import type { WebContext } from "../context.ts";
import { csvResponse, toCsv } from "../csv.ts";
import { type DepartmentRole, departmentRoles, groupDuties } from "../department-view.ts";
import { parseParams, parseQuery, textField } from "../input.ts";
import { notFound, page } from "../respond.tsx";
import { departmentHref, itemHref } from "../urls.ts";
import { viewerOf } from "../viewer.ts";
import { DepartmentIndex, DepartmentPage } from "../views/department-page.tsx";

const DepartmentQuery = z.object({ county: textField(30).optional() });

/** The department in the path: its name as written, trimmed, 1–60 characters. */
const DepartmentParam = z.object({
  name: z.string().trim().min(1, "部门名称无效").max(60, "部门名称无效"),
});

function countyParam(c: Context): string | undefined {
  return parseQuery(c, DepartmentQuery).county || undefined;
}

/** The department a URL names, its roles, and its duties grouped once; 404 when no current edition involves it. */
async function rolesOf(c: Context, web: WebContext) {
  const { name: raw } = parseParams(c, DepartmentParam);
  const use = await web.store.departmentUse(raw, countyParam(c));
  if (use.items.length === 0) throw notFound(`当前清单中没有涉及“${raw}”的事项。`);
  const roles = departmentRoles(use);
  return { use, roles, duties: groupDuties(roles, await dutyKeys(web, use.county)) };
}

/**
 * What makes two townships' items one duty: their row in the county's matrix (the county page's merging
 * rule) when the item's edition is the one the county view compares, else the item's name.
 */
async function dutyKeys(web: WebContext, county: string): Promise<(role: DepartmentRole) => string> {
  const view = county ? await web.counties.view(county) : undefined;
  if (!view) return (r) => `name:${nameKey(r.item.name)}`;
  const rowOf = matrixRowOf(view.matrix);
  const rowIndex = new Map(view.matrix.map((row, i) => [row, i]));
  const column = new Map(view.townships.map((t, i) => [t.editionId, i]));
  return (r) => {
    const t = column.get(r.editionId);
    const row = t === undefined ? undefined : rowOf(t, r.item);
    return row ? `row:${rowIndex.get(row)}` : `name:${nameKey(r.item.name)}`;
  };
}

export const departmentRoutes: RouteModule = (app, web) => {
  const list = (c: Context) => web.store.listDepartments(countyParam(c));

  app.get("/departments", async (c) =>
    page(c, <DepartmentIndex departments={await list(c)} viewer={viewerOf(c)} />),
  );

  app.get("/departments.csv", async (c) => {
    const rows = (await list(c)).map((d) => [d.name, d.county, String(d.items)]);
    return csvResponse("部门涉及事项统计.csv", toCsv(["部门（单位）", "所属县", "涉及事项"], rows));
  });

  app.get("/api/v1/departments", async (c) =>
    c.json({
      departments: (await list(c)).map((d) => ({
        ...d,
        url: departmentHref(d.name, "page", d.county),
        apiUrl: departmentHref(d.name, "json", d.county),
      })),
    }),
  );

  app.get("/departments/:name", async (c) => {
    const { use, duties } = await rolesOf(c, web);
    return page(
      c,
      <DepartmentPage
        name={use.department}
        county={use.county}
        countyParam={countyParam(c)}
        duties={duties}
        viewer={viewerOf(c)}
      />,
    );
  });

  app.get("/api/v1/departments/:name", async (c) => {
    const { use, roles, duties } = await rolesOf(c, web);
    return c.json({
      department: use.department,
      county: use.county,
      duties: duties.map((d) => ({
        role: d.role,
        list: d.item.list,
        category: d.item.category,
        name: d.item.name,
        departmentDuties: d.departmentDuties,
        townshipDuties: d.townshipDuties,
        townships: d.townships.map((t) => ({ ...t, url: itemHref(t.township, t.list, t.number) })),
      })),
      items: roles.map((r) => ({
        township: r.township,
        role: r.role,
        list: r.item.list,
        number: r.item.number,
        category: r.item.category,
        name: r.item.name,
        departmentDuties: r.departmentDuties,
        townshipDuties: r.townshipDuties,
        url: itemHref(r.township, r.item.list, r.item.number),
        apiUrl: itemHref(r.township, r.item.list, r.item.number, null, "json"),
      })),
      csvUrl: departmentHref(use.department, "csv", countyParam(c)),
    });
  });

  app.get("/departments/:name/items.csv", async (c) => {
    const { use, roles } = await rolesOf(c, web);
    const header = ["乡镇", "清单", "序号", "事项类别", "事项名称", "部门职责", "乡镇（街道）职责"];
    const rows = roles.map((r) => [
      r.township,
      LIST_LABELS[r.item.list],
      String(r.item.number),
      r.item.category,
      r.item.name,
      blocksText(r.departmentDuties),
      r.role === "takeover" ? "（已收回，乡镇不再承担）" : blocksText(r.townshipDuties),
    ]);
    return csvResponse(`${use.department}-涉及事项.csv`, toCsv(header, rows));
  });
};

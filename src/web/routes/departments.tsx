/** @jsxImportSource hono/jsx */
/**
 * Departments: GET /departments (index), /departments/:name (page; aliases such as 人社局 accepted),
 * /departments/:name/items.csv, and the JSON twins under /api/v1/departments. `?county=` narrows to
 * one county when department names repeat across counties.
 */
import type { Context } from "hono";
import { z } from "zod";
import { LIST_LABELS } from "../../domain/edition.ts";
import type { RouteModule } from "../app.ts";
import { blocksText } from "../cells.ts";
import type { WebContext } from "../context.ts";
import { csvResponse, toCsv } from "../csv.ts";
import { departmentRoles } from "../department-view.ts";
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

/** The department a URL names and its roles; 404 when no current edition involves it. */
async function rolesOf(c: Context, web: WebContext) {
  const { name: raw } = parseParams(c, DepartmentParam);
  const use = await web.store.departmentUse(raw, countyParam(c));
  if (use.items.length === 0) throw notFound(`当前清单中没有涉及“${raw}”的事项。`);
  return { use, roles: departmentRoles(use) };
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
    const { use, roles } = await rolesOf(c, web);
    return page(
      c,
      <DepartmentPage
        name={use.department}
        county={use.county}
        countyParam={countyParam(c)}
        roles={roles}
        viewer={viewerOf(c)}
      />,
    );
  });

  app.get("/api/v1/departments/:name", async (c) => {
    const { use, roles } = await rolesOf(c, web);
    return c.json({
      department: use.department,
      county: use.county,
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

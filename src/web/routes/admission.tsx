/** @jsxImportSource hono/jsx */
/**
 * Admission (职责准入) pages and API: a department files a request and sees the check's answer at once;
 * the admin's queue and decisions; a township's temporary tasks; statistics per department.
 */
import type { Context } from "hono";
import { z } from "zod";
import type { ListKind } from "../../domain/edition.ts";
import type { AdmissionStatus } from "../../store/workflow-schema.ts";
import { requireRole } from "../../workflow/access.ts";
import {
  ADMISSION_STATUS_LABELS,
  admissionStats,
  approvedFor,
  type Decision,
  decideAdmission,
  fileAdmission,
  listAdmissions,
  readAdmission,
} from "../../workflow/admission.ts";
import { townshipByName } from "../../workflow/places.ts";
import { convertAdmission } from "../../workflow/proposals.ts";
import type { RouteModule } from "../app.ts";
import { dbOf, principalOf, refusals, sqlStore } from "../auth/context.ts";
import { choice, listField, optionalCount, parseBody, parseParams, parseQuery, textField } from "../input.ts";
import { mountAction, mountView } from "../respond.tsx";
import { AdmissionTable, DetailPage, RequestForm, StatsBody } from "../views/admission-page.tsx";
import { workflowPage } from "../views/workflow-ui.tsx";

/** Every admission status: the keys of its labels, which the type makes exhaustive. */
const ADMISSION_STATUSES = Object.keys(ADMISSION_STATUS_LABELS) as [AdmissionStatus, ...AdmissionStatus[]];

/** What the admission routes accept, parsed once (see ../input.ts). */
const Id = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/, { message: "编号应为正整数" })
    .transform(Number),
});
const ListQuery = z.object({
  status: choice(ADMISSION_STATUSES).optional(),
});
const TownshipQuery = z.object({ township: textField(100).optional() });
const TownshipParam = z.object({ name: textField(100) });
const FileForm = z.object({
  task: textField(2000),
  reason: textField(2000),
  basis: textField(2000),
  townships: listField(500),
  days: optionalCount(366),
});
/** An unknown action is refused (400), never read as approval. */
const DecisionForm = z.object({
  action: choice(["approve", "reject", "override"]),
  reason: textField(2000),
  days: optionalCount(366),
});
const ConvertForm = z.object({
  list: choice(["basic", "cooperative"]).default("basic"),
  category: textField(50),
  name: textField(200),
});

/** The decision a parsed form asks for, in the workflow's terms. */
function decisionOf(form: z.output<typeof DecisionForm>): Decision {
  if (form.action === "reject") return { action: "reject", reason: form.reason };
  return { action: form.action, reason: form.reason, days: form.days };
}

export const admissionRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);

  const townshipNames = async () => (await store.listTownships()).map((t) => t.name);

  /** The requests a user may list (admins all, or by ?status=; departments their own). */
  const listOf = async (c: Context) => {
    const { status } = parseQuery(c, ListQuery);
    const who = requireRole(principalOf(c), "admin", "department", "township");
    const rows = who.role === "township" ? [] : await refusals(() => listAdmissions(db, who, { status }));
    return { who, rows };
  };
  mountView(app, { page: "/admission", api: "/api/v1/admissions" }, listOf, {
    page: async (c, { who, rows }) => {
      if (who.role === "township") return c.redirect("/admission/township", 303);
      const body =
        who.role === "admin" ? (
          <>
            <h1>职责准入审核</h1>
            <h2>待审核</h2>
            <AdmissionTable rows={rows.filter((a) => a.status === "pending")} />
            <h2>已收回事项（被拒，可特批）</h2>
            <AdmissionTable rows={rows.filter((a) => a.status === "refused")} />
            <h2>全部申请</h2>
            <AdmissionTable rows={rows} />
          </>
        ) : (
          <>
            <h1>职责准入申请</h1>
            <RequestForm c={c} townships={await townshipNames()} />
            <h2>本部门的申请</h2>
            <AdmissionTable rows={rows} />
          </>
        );
      return workflowPage(c, "职责准入", body);
    },
    json: ({ rows }) => ({ admissions: rows }),
  });

  const file = async (c: Context) => {
    const form = await parseBody(c, FileForm);
    return refusals(() =>
      fileAdmission(db, store, principalOf(c), {
        task: form.task,
        reason: form.reason,
        basis: form.basis,
        townships: form.townships,
        durationDays: form.days ?? 0,
      }),
    );
  };
  mountAction(app, { page: "/admission", api: "/api/v1/admissions" }, file, {
    done: (c, a) => c.redirect(`/admission/${a.id}`, 303),
    json: (admission) => ({ admission }),
    status: 201,
  });

  mountView(
    app,
    { page: "/admission/stats", api: "/api/v1/admissions/stats" },
    (c) => refusals(() => admissionStats(db, principalOf(c))),
    {
      page: (c, stats) => workflowPage(c, "准入统计", <StatsBody stats={stats} />),
      json: (departments) => ({ departments }),
    },
  );

  /** A township's temporary tasks: a township user's own; the admin names one (?township= or /:name). */
  const township = async (c: Context) => {
    const who = requireRole(principalOf(c), "admin", "township");
    const name = c.req.param("name")
      ? parseParams(c, TownshipParam).name
      : parseQuery(c, TownshipQuery).township;
    const ref = await refusals(() =>
      townshipByName(db, who.role === "township" ? who.township! : (name ?? "")),
    );
    return { ref, tasks: await approvedFor(db, ref.id) };
  };
  mountView(app, { page: "/admission/township", api: "/api/v1/admissions/township/:name" }, township, {
    page: (c, { ref, tasks }) =>
      workflowPage(
        c,
        "临时准入任务",
        <>
          <h1>{ref.name}：经准入的临时任务</h1>
          <AdmissionTable rows={tasks} />
        </>,
      ),
    json: ({ ref, tasks }) => ({ township: ref.name, tasks }),
  });

  const one = (c: Context) => refusals(() => readAdmission(db, principalOf(c), parseParams(c, Id).id));
  mountView(app, { page: "/admission/:id{[0-9]+}", api: "/api/v1/admissions/:id{[0-9]+}" }, one, {
    page: (c, a) =>
      workflowPage(
        c,
        `准入申请 ${a.id}`,
        <DetailPage c={c} a={a} admin={principalOf(c)?.role === "admin"} />,
      ),
    json: (admission) => ({ admission }),
  });

  const decide = async (c: Context) => {
    const { id } = parseParams(c, Id);
    const decision = decisionOf(await parseBody(c, DecisionForm));
    return refusals(() => decideAdmission(db, principalOf(c), id, decision));
  };
  mountAction(
    app,
    { page: "/admission/:id{[0-9]+}/decision", api: "/api/v1/admissions/:id{[0-9]+}/decision" },
    decide,
    { done: (c, a) => c.redirect(`/admission/${a.id}`, 303), json: (admission) => ({ admission }) },
  );

  const convert = async (c: Context) => {
    const { id } = parseParams(c, Id);
    const form = await parseBody(c, ConvertForm);
    const listKind: ListKind = form.list;
    const base = { number: 0, category: form.category, name: form.name, local: true, remark: "个性" };
    const who = principalOf(c);
    const request = await refusals(() => readAdmission(db, who, id));
    // A cooperative item led by the requesting department; its duties are written in the review rounds.
    const item =
      listKind === "basic"
        ? { ...base, list: "basic" as const }
        : {
            ...base,
            list: "cooperative" as const,
            leadDepartments: [request.department],
            otherLeads: [] as string[],
            departmentDuties: [],
            townshipDuties: [],
          };
    return refusals(() => convertAdmission(db, store, who, id, item));
  };
  mountAction(
    app,
    { page: "/admission/:id{[0-9]+}/convert", api: "/api/v1/admissions/:id{[0-9]+}/convert" },
    convert,
    { done: (c) => c.redirect("/adjust", 303), json: (proposals) => ({ proposals }) },
  );
};
